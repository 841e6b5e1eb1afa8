"""The Streamlit chat front end: `streamlit run ui/app.py` (see `make run`)."""
