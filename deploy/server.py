"""The app as `make run`, the tests and deploy/cluster.py serve it: app.py, with the static files every new reader
asks for answered from memory (strikes/web/staticfiles.py), a middleware Streamlit's st.App takes.

    streamlit run deploy/server.py --server.port 8501

`streamlit run app.py` serves the same page, each static file through Streamlit's own handler.
"""

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from strikes.web.staticfiles import StaticFromMemory

APP = Path(__file__).resolve().parents[1] / "app.py"

app = st.App(APP, middleware=[Middleware(StaticFromMemory, app_script=APP)])
