"""instructor layer."""
