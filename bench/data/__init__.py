"""Data tables of the benchmarks, read through :func:`gazetteer.tables.load_table` (schemas in ``tables.json``)."""
