"""The link to send students: it puts the course into their hub home and opens chapter 00.

nbgitpuller clones the course repository into ``~/nnlab`` on a student's first click; later
clicks *merge* new commits into it without overwriting what the student changed (their edits win,
a file they deleted comes back).  Send the same link again after you push an update.

Run: ``python classroom/nbgitpuller_link.py https://hub.example.edu https://github.com/<you>/nnlab``
(``--branch``, ``--chapter``, ``--folder`` to change the defaults).
"""

from __future__ import annotations

import argparse
from urllib.parse import urlencode

FOLDER = "nnlab"  # the folder created in each student's home
FIRST_CHAPTER = "00_start_here.ipynb"


def pull_query(repo: str, branch: str = "main", folder: str = FOLDER) -> dict[str, str]:
    """nbgitpuller's parameters: which repository and branch, into which folder."""
    return {"repo": repo, "branch": branch, "targetpath": folder}


def course_link(hub: str, repo: str, *, branch: str = "main", chapter: str = FIRST_CHAPTER,
                folder: str = FOLDER) -> str:
    """``hub``'s nbgitpuller link for ``repo``: log in, pull, open ``chapter`` in JupyterLab.

    ``/hub/user-redirect/`` sends each student to their own server, so one link serves the class.

    >>> course_link("https://hub.example.edu/", "https://github.com/someone/nnlab")
    'https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fsomeone%2Fnnlab&branch=main&targetpath=nnlab&urlpath=lab%2Ftree%2Fnnlab%2Fchapters%2F00_start_here.ipynb'
    """
    query = pull_query(repo, branch, folder) | {"urlpath": f"lab/tree/{folder}/chapters/{chapter}"}
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{urlencode(query)}"


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("hub", help="the hub's address, e.g. https://hub.example.edu")
    p.add_argument("repo", help="the course repository (your fork), e.g. https://github.com/<you>/nnlab")
    p.add_argument("--branch", default="main")
    p.add_argument("--chapter", default=FIRST_CHAPTER, help="the notebook the link opens")
    p.add_argument("--folder", default=FOLDER, help="the folder created in each student's home")
    args = p.parse_args(argv)
    print(course_link(args.hub, args.repo, branch=args.branch, chapter=args.chapter, folder=args.folder))


if __name__ == "__main__":
    main()
