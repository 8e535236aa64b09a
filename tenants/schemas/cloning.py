"""A new organisation's schema, copied from the migrated template schema.

django-tenants' ``clone_schema`` (a PL/pgSQL function of some 4,600 lines, created again on every
call) inspects the whole catalog, so it slows down as organisations accumulate: past 90
organisations one copy took over 20 seconds. The template holds only tables with their identity
sequences, constraints, indexes and triggers, so a short script copies it: tables by ``LIKE``,
then rows, then keys and indexes under their original names (later migrations refer to them by
name), then trigger functions and triggers (last, so that none fires on the copied rows). The
script is read from the catalog once per process and template state (its applied migrations).
"""

from __future__ import annotations

import re
from typing import Any

from django.db import connection

TARGET = "__target_schema__"
_scripts: dict[tuple[Any, ...], str] = {}

# Anything in the template this copy would not reproduce; if found, django-tenants' clone is used.
# (Functions are copied, as long as their bodies do not name the template schema.)
UNSUPPORTED_SQL = """
SELECT
  (SELECT count(*) FROM pg_class WHERE relnamespace = n.oid AND relkind NOT IN ('r', 'i', 'S'))
  + (SELECT count(*) FROM pg_proc WHERE pronamespace = n.oid
     AND (prokind <> 'f' OR position(n.nspname IN prosrc) > 0))
  + (SELECT count(*) FROM pg_type WHERE typnamespace = n.oid AND typtype IN ('e', 'd', 'r', 'm'))
  + (SELECT count(*) FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
     WHERE c.relnamespace = n.oid)
  + (SELECT count(*) FROM pg_class s WHERE s.relnamespace = n.oid AND s.relkind = 'S'
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = s.oid AND d.deptype = 'i'))
FROM pg_namespace n WHERE n.nspname = %s
"""

TABLES_SQL = """
SELECT c.relname,
  array_agg(quote_ident(a.attname) ORDER BY a.attnum) FILTER (WHERE a.attgenerated = ''),
  array_agg(a.attname::text) FILTER (WHERE a.attidentity <> '')
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relnamespace = %s::regnamespace AND c.relkind = 'r'
GROUP BY c.relname ORDER BY c.relname
"""

# Keys first (foreign keys need the unique keys they point at), foreign keys last.
CONSTRAINTS_SQL = """
SELECT c.relname, con.conname, pg_get_constraintdef(con.oid)
FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
WHERE con.connamespace = %s::regnamespace AND con.contype IN ('p', 'u', 'x', 'f')
ORDER BY con.contype = 'f', c.relname, con.conname
"""

FUNCTIONS_SQL = """
SELECT pg_get_functiondef(p.oid) FROM pg_proc p
WHERE p.pronamespace = %s::regnamespace ORDER BY p.proname
"""

TRIGGERS_SQL = """
SELECT pg_get_triggerdef(g.oid) FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
WHERE c.relnamespace = %s::regnamespace AND NOT g.tgisinternal ORDER BY c.relname, g.tgname
"""

INDEXES_SQL = """
SELECT pg_get_indexdef(i.indexrelid)
FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
WHERE ic.relnamespace = %s::regnamespace
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                  WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                  AND con.contype IN ('p', 'u', 'x'))
ORDER BY ic.relname
"""


def clone_template(template: str, target: str) -> bool:
    """Create schema ``target`` as a copy of ``template``, rows included.

    Returns False, having done nothing, if the template holds objects this copy does not handle.
    The caller's connection is left on the public schema.
    """
    for name in (template, target):
        if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
            raise ValueError(f"not a plain schema name: {name!r}")
    try:
        with connection.cursor() as cursor:
            script = _script_for(cursor, template)
            if script is None:
                return False
            cursor.execute(script.replace(TARGET, target))
    finally:
        # The script and the catalog reading set search_path; make django-tenants set it again.
        connection.set_schema_to_public()  # type: ignore[attr-defined]
    return True


def _script_for(cursor: Any, template: str) -> str | None:
    migrations = f"{_q(template)}.django_migrations"
    cursor.execute(
        f"SELECT n.oid, count(m.id), max(m.id) FROM pg_namespace n, {migrations} m"  # noqa: S608
        " WHERE n.nspname = %s GROUP BY n.oid",
        [template],
    )
    key = (template, *(cursor.fetchone() or ()))
    if key not in _scripts:
        cursor.execute(UNSUPPORTED_SQL, [template])
        if cursor.fetchone()[0]:
            return None
        _scripts[key] = _read_script(cursor, template)
    return _scripts[key]


def _read_script(cursor: Any, template: str) -> str:
    """The copy as one SQL script, with TARGET standing for the new schema's name.

    Every name in it is a quoted identifier read from the catalog (S608 below).
    """
    source = _q(template)
    creates, copies = [f"CREATE SCHEMA {TARGET};"], []
    cursor.execute(TABLES_SQL, [template])
    for table, columns, identities in cursor.fetchall():
        name, cols = _q(table), ", ".join(columns)
        creates.append(
            f"CREATE TABLE {TARGET}.{name} (LIKE {source}.{name} INCLUDING ALL EXCLUDING INDEXES);"
        )
        copies.append(
            f"INSERT INTO {TARGET}.{name} ({cols}) OVERRIDING SYSTEM VALUE"  # noqa: S608
            f" SELECT {cols} FROM {source}.{name};"
        )
        for column in identities or []:
            copies.append(
                f"SELECT setval(pg_get_serial_sequence('{TARGET}.{name}', '{column}'),"  # noqa: S608
                f" max({_q(column)})) FROM {TARGET}.{name} HAVING max({_q(column)}) IS NOT NULL;"
            )
    # Read with the template alone on the search path, so that definitions name its own tables
    # without a schema (and other schemas' tables with theirs); run with the target in its place.
    cursor.execute(f"SET search_path = {source}")
    cursor.execute(CONSTRAINTS_SQL, [template])
    keys = [
        f"ALTER TABLE {_q(table)} ADD CONSTRAINT {_q(name)} {definition};"
        for table, name, definition in cursor.fetchall()
    ]
    cursor.execute(INDEXES_SQL, [template])
    # Index and function definitions name the template schema whatever the search path; drop
    # it, as the keys' definitions do not have it.
    qualified = re.compile(r"\b" + re.escape(template) + r"\.")
    indexes = [qualified.sub("", sql, count=1) + ";" for (sql,) in cursor.fetchall()]
    cursor.execute(FUNCTIONS_SQL, [template])
    functions = [qualified.sub("", sql, count=1) + ";" for (sql,) in cursor.fetchall()]
    cursor.execute(TRIGGERS_SQL, [template])
    triggers = [qualified.sub("", sql) + ";" for (sql,) in cursor.fetchall()]
    run_in_target = f"SET search_path = {TARGET}, public;"
    return "\n".join([*creates, *copies, run_in_target, *keys, *indexes, *functions, *triggers])


def _q(name: str) -> str:
    return str(connection.ops.quote_name(name))
