"""Complainant accounts: a verified e-mail address or mobile number is the login name."""

import re

from django.contrib.auth import get_user_model

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


def normalize_phone(value: str) -> str:
    digits = re.sub(r"[\s\-()（）]", "", value or "")
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    return digits


def is_mobile(value: str) -> bool:
    return bool(MOBILE_RE.match(normalize_phone(value)))


def username_for(identifier: str) -> str:
    """The username behind what someone types into the login box: username, e-mail or mobile number."""
    text = (identifier or "").strip()
    user_model = get_user_model()
    if "@" in text:
        match = user_model.objects.filter(email__iexact=text).order_by("pk").values_list("username", flat=True).first()
        return match or text.lower()
    if is_mobile(text):
        return normalize_phone(text)
    return text


def contact_taken(contact: str) -> bool:
    user_model = get_user_model()
    if "@" in contact:
        return (
            user_model.objects.filter(email__iexact=contact).exists()
            or user_model.objects.filter(username__iexact=contact).exists()
        )
    return user_model.objects.filter(username=contact).exists()


def phone_of(user) -> str:
    """The verified mobile number of a complainant who registered with one."""
    return user.username if is_mobile(user.username) else ""


def account_for_contact(contact: str):
    """The active account registered with this e-mail address or mobile number, if any."""
    user_model = get_user_model()
    if "@" in contact:
        return user_model.objects.filter(email__iexact=contact, is_active=True).order_by("pk").first()
    return user_model.objects.filter(username=contact, is_active=True).first()
