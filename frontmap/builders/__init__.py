"""Build time only: make the shipped gazetteer and map outlines from ../shared data.

Nothing that runs at run time imports this package."""
