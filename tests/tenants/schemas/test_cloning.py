"""A new organisation's schema is an exact copy of the template: tables, keys, indexes and rows."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django_tenants.utils import schema_context

from registers.models import Register
from tenants.models import TEMPLATE_SCHEMA
from tenants.schemas.cloning import clone_template

DESCRIBE = """
SELECT 'column', c.relname || '.' || a.attname, format_type(a.atttypid, a.atttypmod)
    || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END || ' identity:' || a.attidentity::text
    || ' default:' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE c.relnamespace = %(ns)s::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
UNION ALL
SELECT 'constraint', c.relname || '.' || con.conname, pg_get_constraintdef(con.oid)
FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
WHERE con.connamespace = %(ns)s::regnamespace AND con.contype <> 'n'
UNION ALL
SELECT 'index', c.relname, replace(pg_get_indexdef(c.oid), %(ns)s || '.', '')
FROM pg_class c WHERE c.relnamespace = %(ns)s::regnamespace AND c.relkind = 'i'
UNION ALL
SELECT 'sequence', c.relname, ''
FROM pg_class c WHERE c.relnamespace = %(ns)s::regnamespace AND c.relkind = 'S'
UNION ALL
SELECT 'trigger', g.tgname, replace(pg_get_triggerdef(g.oid), %(ns)s || '.', '')
FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
WHERE c.relnamespace = %(ns)s::regnamespace AND NOT g.tgisinternal
UNION ALL
SELECT 'function', p.proname, p.prosrc FROM pg_proc p WHERE p.pronamespace = %(ns)s::regnamespace
ORDER BY 1, 2, 3
"""


def describe(schema: str) -> Any:
    with connection.cursor() as cursor:
        cursor.execute(f"SET search_path = {schema}")
        cursor.execute(DESCRIBE, {"ns": schema})
        rows = cursor.fetchall()
    connection.set_schema_to_public()  # type: ignore[attr-defined]
    return rows


def rows(schema: str, table: str) -> Any:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {schema}.{table} ORDER BY 1")  # noqa: S608
        return cursor.fetchall()


def test_the_template_is_copied_by_our_script(db):
    # False would mean the template holds something new and django-tenants' slow clone is used.
    assert clone_template(TEMPLATE_SCHEMA, "org_copy_check")


def test_a_new_schema_has_the_templates_structure(acme):
    template = describe(TEMPLATE_SCHEMA)

    assert len(template) > 100
    assert describe(acme.schema_name) == template


def test_a_new_schema_has_the_templates_rows(acme):
    for table in ["django_migrations", "django_content_type"]:
        assert rows(acme.schema_name, table) == rows(TEMPLATE_SCHEMA, table)


def test_new_rows_get_ids_after_the_copied_ones(acme):
    with schema_context(acme.schema_name), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO django_migrations (app, name, applied)"
            " VALUES ('x', 'y', now()) RETURNING id"
        )
        new_id = cursor.fetchone()[0]

    assert new_id > max(row[0] for row in rows(TEMPLATE_SCHEMA, "django_migrations"))


def test_organisations_do_not_share_rows(acme, globex):
    with schema_context(acme.schema_name):
        Register.objects.create(name={"en": "Customers"}, slug="customers")

    with schema_context(globex.schema_name):
        assert not Register.objects.exists()
