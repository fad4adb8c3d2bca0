"""nnlab's settings for a JupyterHub on one server (The Littlest JupyterHub, or a plain JupyterHub).

The Littlest JupyterHub (TLJH) loads every ``*.py`` in ``/opt/tljh/config/jupyterhub_config.d/``:
copy this file there (``classroom/tljh/setup.sh`` does) and run ``sudo tljh-config reload``.
A plain JupyterHub loads it with ``load_subconfig("…/classroom/jupyterhub_config.py")`` from its own
``jupyterhub_config.py``.  The repository's hub test (``tests/test_hub.py``) does exactly that, so
these lines run in CI.

Memory and CPU figures come from ``bench/hub_load.py`` (see ``docs/running_a_class.md``): a
student's server with one open chapter uses about 0.43 GB resident, with two open chapters
0.63 GB; the guarantee covers the first, the limit leaves room for the second.  TLJH's spawner (systemdspawner) enforces them;
a local-process spawner only passes them on as ``MEM_LIMIT``/``CPU_LIMIT``.
"""

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

# Students land in JupyterLab.
c.Spawner.default_url = "/lab"

# Seeded notebooks print the same numbers for everyone (set and dict order included), and the
# bundled data/fonts of the single-user environment are used: nothing is downloaded in class.
c.Spawner.environment = {
    "PYTHONHASHSEED": "0",
    "NNLAB_DATA_DIR": "/srv/nnlab/data/mnist",
}

# Per student (see docs/running_a_class.md, "Resources"): guarantee what one chapter needs,
# cap a runaway kernel before it hurts the class.
c.Spawner.mem_guarantee = "512M"
c.Spawner.mem_limit = "1G"
c.Spawner.cpu_guarantee = 0.05
c.Spawner.cpu_limit = 1.0

# A class logging in at 9:00 sharp: queue spawns instead of starting 300 at once.
c.JupyterHub.concurrent_spawn_limit = 20
