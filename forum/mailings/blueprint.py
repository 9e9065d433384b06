from flask import Blueprint

bp = Blueprint("mailings", __name__)
