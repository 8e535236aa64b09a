"""What operators watch: health and readiness, Prometheus metrics, structured logs."""
