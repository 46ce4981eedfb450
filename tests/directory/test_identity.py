"""ID numbers kept for conflict checks cannot be reversed without the key, can be re-keyed, and
never leave through an export (issue 16 item 2)."""

import hashlib

import pytest
import tablib
from django.core.management import call_command
from django.core.management.base import CommandError

from directory import identity
from directory.models import EntityRelation
from directory.resources import EntityRelationResource
from inspections.models import InspectorTie
from inspections.resources import InspectorResource
from inspections.services.conflicts import conflicts
from tests.factories.directory import MarketEntityFactory
from tests.factories.inspections import EntityTargetFactory, InspectorFactory

NUMBER = "330102197001011235"
OLD_KEY, NEW_KEY = "old-identity-key-" + "a" * 40, "new-identity-key-" + "b" * 40


def test_the_index_is_keyed_and_not_the_plain_sha256(settings):
    plain = hashlib.sha256(NUMBER.encode()).hexdigest()
    first = identity.blind_index(NUMBER)
    assert len(first) == 64 and first != plain
    settings.IDENTITY_HASH_KEY = NEW_KEY
    assert identity.blind_index(NUMBER) not in (first, plain)


def test_spellings_of_one_number_give_one_index():
    index = identity.blind_index(NUMBER)
    for spelling in ("３３０１０２１９７００１０１１２３５", "330102 19700101 1235", "330102-19700101-1235"):
        assert identity.blind_index(spelling) == index
    assert identity.blind_index("33010219700101123x") == identity.blind_index("33010219700101123X")


def test_the_sealed_copy_hides_the_number_and_opens_only_with_a_listed_key(settings):
    protected = identity.protect(NUMBER)
    assert NUMBER not in protected.sealed and protected.index == identity.blind_index(NUMBER)
    sealed_with = settings.IDENTITY_HASH_KEY  # the environment's key (CI sets its own)
    settings.IDENTITY_HASH_KEY = NEW_KEY
    with pytest.raises(ValueError, match="no longer listed"):
        identity.reprotect(protected.sealed)
    settings.IDENTITY_HASH_PREVIOUS_KEYS = [OLD_KEY, sealed_with]
    assert identity.reprotect(protected.sealed).index == identity.blind_index(NUMBER)


@pytest.fixture
def tie_and_relation(db, settings, roles):
    settings.IDENTITY_HASH_KEY = OLD_KEY
    entity = MarketEntityFactory()
    target = EntityTargetFactory(entity=entity)
    protected = identity.protect(NUMBER)
    EntityRelation.objects.create(entity=entity, kind="shareholder", value="李四",
                                  person_id_hash=protected.index, person_id_sealed=protected.sealed)
    inspector = InspectorFactory()
    relative = identity.protect(NUMBER)
    InspectorTie.objects.create(inspector=inspector, kind="relative", relative_name="李四（兄）",
                                relative_id_hash=relative.index, relative_id_sealed=relative.sealed)
    return inspector, target


def test_rotation_rekeys_every_number_and_conflicts_still_match(tie_and_relation, settings, capsys):
    inspector, target = tie_and_relation
    assert conflicts([inspector], [target])[inspector.pk]
    old_index = EntityRelation.objects.get().person_id_hash
    settings.IDENTITY_HASH_KEY, settings.IDENTITY_HASH_PREVIOUS_KEYS = NEW_KEY, [OLD_KEY]
    call_command("rotate_identity_hash_key")
    assert "EntityRelation: 1 re-keyed" in capsys.readouterr().out
    relation, tie = EntityRelation.objects.get(), InspectorTie.objects.get()
    assert relation.person_id_hash == tie.relative_id_hash == identity.blind_index(NUMBER) != old_index
    settings.IDENTITY_HASH_PREVIOUS_KEYS = []  # the old key is retired
    assert identity.reprotect(relation.person_id_sealed).index == relation.person_id_hash
    assert conflicts([inspector], [target])[inspector.pk]


def test_rotation_without_the_old_key_changes_nothing(tie_and_relation, settings):
    before = EntityRelation.objects.get().person_id_hash
    settings.IDENTITY_HASH_KEY, settings.IDENTITY_HASH_PREVIOUS_KEYS = NEW_KEY, []
    with pytest.raises(CommandError, match="IDENTITY_HASH_PREVIOUS_KEYS"):
        call_command("rotate_identity_hash_key")
    assert EntityRelation.objects.get().person_id_hash == before


def test_rotation_reports_indexes_that_cannot_be_rekeyed(db, capsys):
    EntityRelation.objects.create(entity=MarketEntityFactory(), kind="manager", value="王五", person_id_hash="0" * 64)
    call_command("rotate_identity_hash_key")
    assert "1 index(es) without a sealed copy cannot be re-keyed" in capsys.readouterr().out


def test_import_takes_the_number_and_export_shows_nothing_of_it(db):
    entity = MarketEntityFactory()
    data = tablib.Dataset(headers=["entity", "kind", "value", "person_id_number"])
    data.append([entity.code, "legal_representative", "赵六", "330102 19700101 1235"])
    result = EntityRelationResource().import_data(data, dry_run=False, raise_errors=False)
    assert not result.has_errors() and not result.has_validation_errors(), [
        (line, [str(e.error) for e in errors]) for line, errors in result.row_errors()] + [
        r.error_dict for r in result.invalid_rows]
    relation = EntityRelation.objects.get()
    assert relation.person_id_hash == identity.blind_index(NUMBER) and relation.person_id_sealed
    exported = EntityRelationResource().export()
    assert not {"person_id_hash", "person_id_sealed", "person_id_number"} & set(exported.headers)
    text = exported.csv
    assert relation.person_id_hash not in text and relation.person_id_sealed not in text and NUMBER not in text


def test_import_refuses_hashes_and_bad_numbers(db):
    entity = MarketEntityFactory()
    for headers, value in ((["entity", "kind", "value", "person_id_hash"], "a" * 64),
                           (["entity", "kind", "value", "person_id_number"], "330102197001011234")):
        data = tablib.Dataset(headers=headers)
        data.append([entity.code, "manager", "王五", value])
        result = EntityRelationResource().import_data(data, dry_run=False, raise_errors=False)
        assert result.has_errors() or result.has_validation_errors()
    assert not EntityRelation.objects.exists()


def test_inspector_export_has_no_identity_columns(db, roles):
    inspector = InspectorFactory()
    protected = identity.protect(NUMBER)
    type(inspector).objects.filter(pk=inspector.pk).update(person_id_hash=protected.index,
                                                           person_id_sealed=protected.sealed)
    exported = InspectorResource().export()
    assert "person_id_hash" not in exported.headers and "person_id_sealed" not in exported.headers
    assert protected.index not in exported.csv
