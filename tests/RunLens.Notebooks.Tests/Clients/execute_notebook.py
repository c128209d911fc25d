"""Executes a notebook through a Jupyter kernel with nbclient, as `jupyter nbconvert --execute` does, and writes it.

usage: execute_notebook.py IN.ipynb OUT.ipynb WORKING_DIR KERNEL_NAME
Exits 0 when every cell ran, 1 naming the failed cell otherwise (the executed notebook is written either way).
"""
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main(source, target, working_dir, kernel):
    notebook = nbformat.read(source, as_version=4)
    client = NotebookClient(notebook, timeout=600, kernel_name=kernel, resources={"metadata": {"path": working_dir}})
    started = time.time()
    try:
        client.execute()
        status = 0
    except CellExecutionError as error:
        print("cell failed: %s" % str(error)[:2000])
        status = 1
    nbformat.write(notebook, target)
    print("seconds %.1f" % (time.time() - started))
    return status


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
