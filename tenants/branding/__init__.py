"""An organisation's logo and accent colour, shown on its published notices."""
