from cases.public.forms.accounts import (
    LoginForm,
    PasswordResetForm,
    PasswordResetRequestForm,
    RegistrationForm,
    VerificationForm,
)
from cases.public.forms.filer import RatingForm, SupplementForm, WithdrawalForm
from cases.public.forms.intake import ComplaintForm, ReportForm, SuggestionForm
from cases.public.forms.tracking import TrackForm

__all__ = [
    "ComplaintForm", "LoginForm", "PasswordResetForm", "PasswordResetRequestForm", "RatingForm", "RegistrationForm", "ReportForm", "SuggestionForm",
    "SupplementForm", "TrackForm", "VerificationForm", "WithdrawalForm",
]
