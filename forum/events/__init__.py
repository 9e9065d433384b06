"""Events and their programme: public pages and the organizer's programme editor."""
