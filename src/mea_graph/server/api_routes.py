"""Routes of the HTTP layer (being written)."""

from fastapi import APIRouter

router = APIRouter()
