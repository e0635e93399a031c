"""``python -m strikes.intake FILE``: check a strike file before uploading it."""

from .read import main

raise SystemExit(main())
