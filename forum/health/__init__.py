"""Health of a running instance: /healthz for load balancers, monitors and `make serve`."""
