from cases.public.forms.filer import RatingForm, SupplementForm, WithdrawalForm
from cases.public.forms.intake import ComplaintForm, ReportForm, SuggestionForm
from cases.public.forms.tracking import TrackForm

__all__ = [
    "ComplaintForm", "RatingForm", "ReportForm", "SuggestionForm", "SupplementForm", "TrackForm", "WithdrawalForm",
]
