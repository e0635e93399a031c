"""``python -m strikes.export FORMAT -o FILE``: the filtered map or its data, as the app's buttons make them."""

from .cli import main

raise SystemExit(main())
