"""Stage 6, render: offline folium maps of the ledger, their pictures (headless Chromium) and embed fragments."""
