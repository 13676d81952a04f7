"""The read layer: the records the CLI, exports, report, pages and API show (see ``queries``)."""
