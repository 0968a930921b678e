"""What a page of the book loads and how it reaches the reader: the front-end files served from the
book itself (vendored vega, the chart loader, the self-check script), the theme's stylesheets and icon
fonts cut at build time to what the book uses, and each page's head arranged for an early first paint."""
