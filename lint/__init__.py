"""corpuslint: finds and fixes scraping debris in text corpora."""
__version__ = "0.1.0"
