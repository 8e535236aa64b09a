"""An organisation's own host name for its public notices (``privacy.example.fi``)."""
