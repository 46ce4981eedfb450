"""StreamField blocks for articles and guides. Each renders accessible HTML with its own template."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock


class CalloutBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(choices=[("info", pgettext_lazy("callout style", "Information")), ("warning", pgettext_lazy("callout style", "Warning"))], default="info",
                               label=_("style"))
    title = blocks.CharBlock(label=_("title"), required=False, max_length=100)
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "cms/blocks/callout.html"


class LegalBasisBlock(blocks.StructBlock):
    law = blocks.CharBlock(label=_("law or regulation"), max_length=200)
    article = blocks.CharBlock(label=_("article no."), required=False, max_length=50)
    text = blocks.TextBlock(label=_("wording"))

    class Meta:
        icon = "openquote"
        label = _("Legal basis")
        template = "cms/blocks/legal_basis.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("step"), max_length=100)
    text = blocks.RichTextBlock(label=_("what to do"), features=["bold", "link", "ul"])


class DeadlineBlock(blocks.StructBlock):
    matter = blocks.CharBlock(label=_("matter"), max_length=100)
    deadline = blocks.CharBlock(label=_("time limit"), max_length=100)
    basis = blocks.CharBlock(label=_("legal basis"), required=False, max_length=200)


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("answer"), features=["bold", "link", "ul"])


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("link text"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "cms/blocks/document.html"


def article_blocks():
    return [
        ("heading", blocks.CharBlock(label=_("Heading"), form_classname="title", icon="title",
                                     template="cms/blocks/heading.html")),
        ("paragraph", blocks.RichTextBlock(label=_("Paragraph"), icon="pilcrow")),
        ("image", ImageBlock(label=_("Image"))),
        ("quote", blocks.BlockQuoteBlock(label=_("Quote"))),
        ("callout", CalloutBlock()),
        ("legal_basis", LegalBasisBlock()),
        ("document", DocumentLinkBlock()),
    ]


def guide_blocks():
    return article_blocks() + [
        ("steps", blocks.ListBlock(StepBlock(), label=_("Steps"), icon="list-ol", template="cms/blocks/steps.html")),
        ("deadlines", blocks.ListBlock(DeadlineBlock(), label=_("Time limits table"), icon="time",
                                       template="cms/blocks/deadlines.html")),
        ("faq", blocks.ListBlock(QuestionBlock(), label=_("Questions and answers"), icon="help",
                                 template="cms/blocks/faq.html")),
    ]
