"""What every feature uses: time ranges, labels, errors, locks, jobs, exports, PDF."""
