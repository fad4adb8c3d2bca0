#!/usr/bin/env bash
# Set up The Littlest JupyterHub (TLJH) for an nnlab class, on the server, as root, once.
#
# Before: install TLJH itself (https://tljh.jupyter.org -> "Installing on your own server"), e.g.
#   curl -L https://tljh.jupyter.org/bootstrap.py | sudo python3 - --admin <your-admin-name>
# Then, from a clone of the course repository on the server:
#   sudo bash classroom/tljh/setup.sh
#
# What it does (every step can be re-run):
#  1. installs the course (nnlib and the chapters' packages) and nbgitpuller/nbgrader into the
#     students' shared environment /opt/tljh/user;
#  2. bakes in what would otherwise be downloaded in class: matplotlib's font cache, a Korean
#     font for figures, and MNIST in /srv/nnlab/data/mnist (chapter 07's optional real digits);
#  3. installs classroom/jupyterhub_config.py (landing page, seeds, data folder, per-student
#     memory/CPU limits) and sets TLJH's own limits and idle culling;
#  4. reloads the hub.
set -euo pipefail
cd "$(dirname "$0")/../.."
USER_ENV=/opt/tljh/user
DATA=/srv/nnlab/data/mnist

echo "== 1. the course in the students' environment"
"$USER_ENV/bin/pip" install -r requirements.txt nbgitpuller nbgrader

echo "== 2. fonts, font cache and data, baked in"
apt-get install -y -q fonts-dejavu-core fonts-nanum
"$USER_ENV/bin/python" -c "import matplotlib.pyplot"   # builds the font cache once
mkdir -p "$DATA"
NNLAB_DATA_DIR="$DATA" "$USER_ENV/bin/python" -c "
from nnlib.datasets import load_mnist
for kind in ('train', 'test'):
    load_mnist(kind=kind)"
chmod -R a+rX /srv/nnlab

echo "== 3. hub settings (figures: docs/running_a_class.md, 'Resources')"
cp classroom/jupyterhub_config.py /opt/tljh/config/jupyterhub_config.d/nnlab.py
tljh-config set limits.memory 1G        # per student; TLJH enforces it with systemd
tljh-config set limits.cpu 1            # a kernel may use one full core while it trains
tljh-config set services.cull.timeout 1800   # stop a server after 30 min without activity
tljh-config set services.cull.every 300
tljh-config set user_environment.default_app jupyterlab

echo "== 4. reload"
tljh-config reload
echo "done: send students the link printed by"
echo "  python3 classroom/nbgitpuller_link.py https://<this-hub> https://github.com/<you>/nnlab"
