"""Grading a whole class: finding submissions in folders and zips, the local worker pool, the Dask
executor and worker plugin, and the demo class."""
