"""The web interface (Gradio): ``ui.app.build_app`` builds the page, ``ui.app.main`` serves it."""
