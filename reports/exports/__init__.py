"""Downloads of a statistics view: CSV/XLSX, direct or as a background job."""
