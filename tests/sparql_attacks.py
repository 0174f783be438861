"""Ways to write SERVICE, LOAD and updates that a home-made check could miss, and texts that only look like them.

Each attack names a service on 127.0.0.1 at a port the test listens on: the test counts every connection made.
Found by trying spellings against Oxigraph's parser and rdflib's (the grammar check): odd prefixed names,
escapes, comments, nesting, subqueries, EXISTS, SPARQL 1.2 extensions, updates.
"""

from __future__ import annotations

def corpus(port: int) -> list[tuple[str, str]]:
    """(label, query): spellings of SERVICE and LOAD, and of updates, each pointing at 127.0.0.1:``port``."""
    U = f"<http://127.0.0.1:{port}/x>"
    B = "{ ?s ?p ?o }"
    PX = f"PREFIX ex: <http://127.0.0.1:{port}/> "
    return [
        # --- plain spellings
        ("plain", f"SELECT * {{ SERVICE {U} {B} }}"),
        ("lower", f"select * {{ service {U} {B} }}"),
        ("mixed case", f"SELECT * {{ SeRvIcE {U} {B} }}"),
        ("SILENT", f"SELECT * {{ SERVICE SILENT {U} {B} }}"),
        ("silent lower", f"SELECT * {{ service silent {U} {B} }}"),
        ("no whitespace", f"SELECT*{{SERVICE{U}{{?s ?p ?o}}}}"),
        ("after } no ws", f"SELECT * {{ {{?a ?b ?c}}SERVICE{U}{B} }}"),
        ("after dot no ws", f"SELECT * {{ ?a ?b ?c .SERVICE {U} {B} }}"),
        ("tabs/newlines", f"SELECT *\n{{\tSERVICE\r\n{U}\n{B}\n}}"),
        ("comment between", f"SELECT * {{ SERVICE # hi\n {U} # there\n {B} }}"),
        ("comment CR-only before", f"SELECT * {{ ?a ?b ?c # c\rSERVICE {U} {B}\n}}"),
        ("two services", f"SELECT * {{ SERVICE {U} {B} SERVICE {U} {B} }}"),
        # --- prefixed names ending/starting oddly
        ("riec: ex:.SERVICE", f"PREFIX ex: <http://x/riec> SELECT * {{ ?x ?y ex:.SERVICE {U} {B} }}"),
        ("empty prefix :.SERVICE", f"PREFIX : <http://x/> SELECT * {{ ?x ?y :.SERVICE {U} {B} }}"),
        ("ex:a.SERVICE (one name)", f"PREFIX ex: <http://x/> SELECT * {{ ?x ?y ex:a.SERVICE {U} {B} }}"),
        ("ex:a. SERVICE", f"PREFIX ex: <http://x/> SELECT * {{ ?x ?y ex:a. SERVICE {U} {B} }}"),
        ("ex:\\.SERVICE (escaped dot)", f"PREFIX ex: <http://x/> SELECT * {{ ?x ?y ex:\\.SERVICE {U} {B} }}"),
        ("ex:a\\.;SERVICE", f"PREFIX ex: <http://x/> SELECT * {{ ?x ?y ex:a\\. ;SERVICE {U} {B} }}"),
        ("ex:SERVICE predicate (benign)", f"PREFIX ex: <http://x/> SELECT * {{ ?x ex:SERVICE ?z }}"),
        ("SERVICE: prefix (benign)", f"PREFIX SERVICE: <http://x/> SELECT * {{ ?x SERVICE:a ?z }}"),
        ("service IRI as prefixed name", f"{PX}SELECT * {{ SERVICE ex:x {B} }}"),
        ("relative IRI + BASE", f"BASE <http://127.0.0.1:{port}/> SELECT * {{ SERVICE <x> {B} }}"),
        ("?SERVICE variable (benign)", "SELECT ?SERVICE { ?SERVICE ?p ?o }"),
        ("in string (benign)", f'SELECT * {{ BIND("SERVICE {U} {{}}" AS ?x) }}'),
        ("in long string (benign)", f'SELECT * {{ BIND("""x\nSERVICE {U} {{}}\n""" AS ?x) }}'),
        ("in comment (benign)", f"SELECT * {{ ?s ?p ?o # SERVICE {U} {B}\n}}"),
        ("in IRI (benign)", "SELECT * { ?s <http://x/SERVICE> ?o }"),
        # --- \u escapes (SPARQL 1.1 19.2: decoded before parsing)
        ("\\u0053ERVICE", f"SELECT * {{ \\u0053ERVICE {U} {B} }}"),
        ("SERV\\u0049CE", f"SELECT * {{ SERV\\u0049CE {U} {B} }}"),
        ("\\U00000053ERVICE", f"SELECT * {{ \\U00000053ERVICE {U} {B} }}"),
        ("\\u escape in service IRI", f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/\\u0078> {B} }}"),
        ("\\u007B brace", f"SELECT * \\u007B SERVICE {U} {B} }}"),
        ("\\u005C string trick", f'SELECT * {{ BIND("a\\u005C" AS ?x) SERVICE {U} {B} '
                                 f"BIND('''\" AS ?x) }} #''' AS ?y) }}"),
        ("\\u0022 string close", f'SELECT * {{ BIND("a\\u0022 AS ?x) SERVICE {U} {B} BIND(" AS ?y) }}'),
        ("\\u0023 comment", f"SELECT * {{ ?s ?p ?o \\u0023\n SERVICE {U} {B} }}"),
        # --- nesting / placement
        ("OPTIONAL", f"SELECT * {{ ?a ?b ?c OPTIONAL {{ SERVICE {U} {B} }} }}"),
        ("UNION", f"SELECT * {{ {{ ?a ?b ?c }} UNION {{ SERVICE {U} {B} }} }}"),
        ("MINUS", f"SELECT * {{ ?a ?b ?c MINUS {{ SERVICE {U} {B} }} }}"),
        ("GRAPH", f"SELECT * {{ GRAPH ?g {{ SERVICE {U} {B} }} }}"),
        ("nested groups x10", "SELECT * " + "{" * 10 + f" SERVICE {U} {B} " + "}" * 10),
        ("subquery", f"SELECT * {{ {{ SELECT ?s {{ SERVICE {U} {B} }} }} }}"),
        ("subquery in subquery", f"SELECT * {{ {{ SELECT * {{ {{ SELECT * {{ SERVICE {U} {B} }} }} }} }} }}"),
        ("FILTER EXISTS", f"SELECT * {{ ?a ?b ?c FILTER EXISTS {{ SERVICE {U} {B} }} }}"),
        ("FILTER NOT EXISTS", f"SELECT * {{ ?a ?b ?c FILTER NOT EXISTS {{ SERVICE {U} {B} }} }}"),
        ("BIND(EXISTS{})", f"SELECT * {{ ?a ?b ?c BIND(EXISTS {{ SERVICE {U} {B} }} AS ?e) }}"),
        ("in ORDER BY EXISTS", f"SELECT * {{ ?a ?b ?c }} ORDER BY (EXISTS {{ SERVICE {U} {B} }})"),
        ("in HAVING EXISTS", f"SELECT (COUNT(*) AS ?n) {{ ?a ?b ?c }} HAVING (EXISTS {{ SERVICE {U} {B} }})"),
        ("CONSTRUCT WHERE", f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE {U} {B} }}"),
        ("ASK", f"ASK {{ SERVICE {U} {B} }}"),
        ("DESCRIBE", f"DESCRIBE ?s WHERE {{ SERVICE {U} {B} }}"),
        ("variable IRI + VALUES", f"SELECT * {{ VALUES ?svc {{ {U} }} SERVICE ?svc {B} }}"),
        ("variable IRI + BIND", f"SELECT * {{ BIND({U} AS ?svc) SERVICE ?svc {B} }}"),
        ("SILENT variable", f"SELECT * {{ VALUES ?svc {{ {U} }} SERVICE SILENT ?svc {B} }}"),
        ("VALUES after query", f"SELECT * {{ SERVICE {U} {B} }} VALUES ?s {{ <http://x/> }}"),
        # --- where rdflib and Oxigraph read the same text differently (found by review)
        ("undeclared prefix a_: and SERVICE:", f"PREFIX : <http://127.0.0.1:{port}/> ASK {{ ?s a_:b SERVICE:y {{}} }}"),
        ("escaped quote rdflib refuses", f"ASK {{ SERVICE {U} {{}} BIND('it\\\"s' AS ?t) }}"),
        ("triple term after SERVICE", f"ASK {{ SERVICE {U} {{}} BIND(<<( <http://a> <http://b> <http://c> )>> AS ?t) }}"),
        # --- SPARQL 1.2 / Oxigraph extensions
        ("LATERAL", f"SELECT * {{ ?a ?b ?c LATERAL {{ SERVICE {U} {B} }} }}"),
        ("VERSION 1.2", f'VERSION "1.2" SELECT * {{ SERVICE {U} {B} }}'),
        ("triple term", f"SELECT * {{ BIND(<<( <http://a> <http://b> <http://c> )>> AS ?t) SERVICE {U} {B} }}"),
        # --- updates, LOAD
        ("LOAD", f"LOAD {U}"),
        ("load lower", f"load {U}"),
        ("LOAD SILENT INTO", f"LOAD SILENT {U} INTO GRAPH <http://g>"),
        ("\\u004cOAD", f"\\u004cOAD {U}"),
        ("PREFIX + LOAD", f"{PX}LOAD ex:x"),
        ("query ; LOAD", f"SELECT * {{}} ; LOAD {U}"),
        ("INSERT DATA", "INSERT DATA { <http://a> <http://b> <http://c> }"),
        ("DELETE WHERE", "DELETE WHERE { ?s ?p ?o }"),
        ("INSERT WHERE SERVICE", f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE {U} {B} }}"),
        ("WITH DELETE", "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"),
        ("CLEAR ALL", "CLEAR ALL"),
        ("DROP ALL", "DROP ALL"),
        ("COPY", "COPY DEFAULT TO <http://g>"),
        ("CREATE", "CREATE GRAPH <http://g>"),
    ]


def attacks(port: int) -> list[tuple[str, str]]:
    """The spellings that must be refused (the others only look like SERVICE and are ordinary queries)."""
    return [(label, query) for label, query in corpus(port) if "(benign)" not in label]


def benign(port: int) -> list[tuple[str, str]]:
    return [(label, query) for label, query in corpus(port) if "(benign)" in label]
