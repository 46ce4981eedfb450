from django.contrib import admin

from staffauth.models import AccountEvent


@admin.register(AccountEvent)
class AccountEventAdmin(admin.ModelAdmin):
    """Read-only: the account trail has one write path, staffauth.services.record."""

    list_display = ("created_at", "action", "username", "actor", "client_address", "request_id")
    list_filter = ("action",)
    search_fields = ("username",)
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
