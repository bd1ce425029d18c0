"""Pages more than one role uses: the catalog, order entry, the orders list and an order's
detail (with the receipt dialog), and the conflicts inbox. A role's own pages live in its own
package (``views.rep``, ``views.clerk``, ``views.owner``, ``views.admin``), which never imports
another role's."""
