"""cvj-planner in the browser: `python app.py` (or `make app`) → http://127.0.0.1:7860.

A shim: the app ships in the wheel as ``planner.app``; see its docstring for the settings (CVJ_HOST, CVJ_PORT,
CVJ_AUTH, CVJ_PROFILE, CVJ_MODEL).
"""

from planner.app import launch

if __name__ == "__main__":
    launch()
