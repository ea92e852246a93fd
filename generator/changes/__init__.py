"""`modelgen changes OLD NEW`: what a spec change means for clients and for the generated models.

The pieces: `source` reads each version (a file or `REV:path` from git),
`usage` finds where each schema travels, `compare`, `keywords` and `bounds`
list the changes, `rules` grades them by direction, `names` ties them to
the generated classes, `findings` puts that together, `ignore` applies the
ignore file, `report` writes the result, `command` runs it all. `options`
holds the command-line options (it imports nothing else, so `--help` stays
fast).
"""
