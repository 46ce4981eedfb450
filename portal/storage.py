"""Private files: filers' evidence, scans and inspection evidence.

They live under PRIVATE_FILES_ROOT, outside MEDIA_ROOT, under random names, and have no URL:
the only way out is a permission-checked view that answers with `attachment_response`.
"""

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.signals import setting_changed
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property


class PrivateFileStorage(FileSystemStorage):
    """A file system storage without a URL; its root follows settings.PRIVATE_FILES_ROOT."""

    def __init__(self):
        super().__init__(base_url=None)
        setting_changed.connect(self._forget_root)

    @cached_property
    def base_location(self):
        return settings.PRIVATE_FILES_ROOT

    def _forget_root(self, *, setting, **kwargs):
        if setting == "PRIVATE_FILES_ROOT":
            for name in ("base_location", "location"):
                self.__dict__.pop(name, None)

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a permission-checked view.")

    def deconstruct(self):
        return ("portal.storage.PrivateFileStorage", (), {})


_private = PrivateFileStorage()


def private_files() -> PrivateFileStorage:
    """The storage of every private file field (a callable, so migrations name it, not a path)."""
    return _private


@deconstructible
class RandomFileName:
    """upload_to for private files: `<prefix>/<year>/<month>/<random hex>`. The uploaded name is
    kept only in the database (for the download's file name), never on disk, so stored names
    cannot be guessed and no extension makes a server treat the file as anything."""

    def __init__(self, prefix: str):
        self.prefix = prefix

    def __call__(self, instance, filename):
        return f"{self.prefix}/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}"

    def __eq__(self, other):
        return isinstance(other, RandomFileName) and other.prefix == self.prefix


def attachment_response(field_file, *, filename: str, content_type: str) -> FileResponse:
    """A download that browsers save instead of showing: Content-Disposition attachment, no
    sniffing, no caching. Callers have checked permissions before calling this."""
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=filename,
                            content_type=content_type or "application/octet-stream")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def move_public_files_to_private(model, prefix: str) -> int:
    """For data migrations: files of `model.file` still under MEDIA_ROOT (stored before private
    storage existed, under their uploaded names) move to private storage under random names."""
    public = FileSystemStorage(location=settings.MEDIA_ROOT)
    private = private_files()
    moved = 0
    for row in model.objects.exclude(file="").only("pk", "file").iterator():
        old_name = row.file.name
        if not public.exists(old_name):
            continue
        with public.open(old_name, "rb") as source:
            new_name = private.save(RandomFileName(prefix)(row, old_name), source)
        model.objects.filter(pk=row.pk).update(file=new_name)
        public.delete(old_name)
        moved += 1
    return moved
