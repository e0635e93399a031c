"""The Streamlit workbench (app.py) in parts: its page state, its widgets and what they cost the server."""
