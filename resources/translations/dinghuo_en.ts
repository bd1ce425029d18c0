<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
  <context>
    <name>Admin</name>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="51" />
      <source>credit limit exceeded</source>
      <translation>credit limit exceeded</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="52" />
      <source>stock short</source>
      <translation>stock short</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="135" />
      <source>Order</source>
      <translation>Order</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="137" />
      <source>Customer</source>
      <translation>Customer</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="141" />
      <source>Held because</source>
      <translation>Held because</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="144" />
      <source>manual review</source>
      <translation>manual review</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="149" />
      <source>Submitted</source>
      <translation>Submitted</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="152" />
      <location filename="../../desktop/views/admin/review.py" line="223" />
      <source>Total</source>
      <translation>Total</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="204" />
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="208" />
      <source>Product</source>
      <translation>Product</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="212" />
      <source>Quantity</source>
      <translation>Quantity</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="217" />
      <source>Available</source>
      <translation>Available</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="57" />
      <source>never</source>
      <translation>never</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="60" />
      <source>just now</source>
      <translation>just now</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="62" />
      <source>%1 min ago</source>
      <translation>%1 min ago</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="64" />
      <source>%1 h ago</source>
      <translation>%1 h ago</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="65" />
      <source>%1 days ago</source>
      <translation>%1 days ago</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="82" />
      <source>User</source>
      <translation>User</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="84" />
      <source>Device</source>
      <translation>Device</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="89" />
      <source>Last sync</source>
      <translation>Last sync</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="95" />
      <source>Last pull</source>
      <translation>Last pull</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="98" />
      <source>Last push</source>
      <translation>Last push</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="101" />
      <source>Last seen</source>
      <translation>Last seen</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="104" />
      <source>Feed position</source>
      <translation>Feed position</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="166" />
      <source>System</source>
      <translation>System</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="168" />
      <source>May write</source>
      <translation>May write</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="170" />
      <source>Created</source>
      <translation>Created</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="172" />
      <source>Last used</source>
      <translation>Last used</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="177" />
      <source>revoked %1</source>
      <translation>revoked %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="179" />
      <location filename="../../desktop/views/admin/labels.py" line="91" />
      <location filename="../../desktop/views/admin/users.py" line="83" />
      <source>active</source>
      <translation>active</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="45" />
      <source>%1 min</source>
      <translation>%1 min</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="47" />
      <source>%1 h</source>
      <translation>%1 h</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="48" />
      <source>%1 days</source>
      <translation>%1 days</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="69" />
      <source>local database check failed</source>
      <translation>local database check failed</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="70" />
      <source>changes unsent for over an hour</source>
      <translation>changes unsent for over an hour</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="71" />
      <source>conflicts wait for a decision</source>
      <translation>conflicts wait for a decision</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="72" />
      <source>last sync failed</source>
      <translation>last sync failed</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="73" />
      <source>no backup for over two days</source>
      <translation>no backup for over two days</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="74" />
      <source>local data not encrypted</source>
      <translation>local data not encrypted</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="82" />
      <location filename="../../desktop/views/admin/labels.py" line="94" />
      <source>revoked</source>
      <translation>revoked</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="84" />
      <location filename="../../desktop/views/admin/labels.py" line="132" />
      <source>OK</source>
      <translation>OK</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="93" />
      <source>revoked, local data wiped</source>
      <translation>revoked, local data wiped</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="107" />
      <source>%1 · oldest %2</source>
      <translation>%1 · oldest %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="118" />
      <source>server unavailable</source>
      <translation>server unavailable</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="119" />
      <source>server failed</source>
      <translation>server failed</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="120" />
      <source>error in the app</source>
      <translation>error in the app</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="121" />
      <source>refused by the server</source>
      <translation>refused by the server</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="122" />
      <source>app update required</source>
      <translation>app update required</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="123" />
      <source>server went back in time</source>
      <translation>server went back in time</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="124" />
      <source>signed out</source>
      <translation>signed out</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="125" />
      <source>device revoked</source>
      <translation>device revoked</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="133" />
      <source>failed</source>
      <translation>failed</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="134" />
      <source>repaired</source>
      <translation>repaired</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="141" />
      <source>sales rep</source>
      <translation>sales rep</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="142" />
      <source>warehouse clerk</source>
      <translation>warehouse clerk</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="143" />
      <source>store owner</source>
      <translation>store owner</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="144" />
      <source>back office</source>
      <translation>back office</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="151" />
      <source>catalog</source>
      <translation>catalog</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="152" />
      <source>prices</source>
      <translation>prices</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="153" />
      <source>stock</source>
      <translation>stock</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="154" />
      <source>customers</source>
      <translation>customers</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="164" />
      <source>created as %1</source>
      <translation>created as %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="167" />
      <source>enabled</source>
      <translation>enabled</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="169" />
      <source>disabled (signed out everywhere)</source>
      <translation>disabled (signed out everywhere)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="171" />
      <source>password reset (signed out everywhere)</source>
      <translation>password reset (signed out everywhere)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="175" />
      <source>changed from %1 to %2</source>
      <translation>changed from %1 to %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="50" />
      <location filename="../../desktop/views/admin/integrations.py" line="176" />
      <location filename="../../desktop/views/admin/users.py" line="82" />
      <source>State</source>
      <translation>State</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="53" />
      <location filename="../../desktop/views/admin/health.py" line="118" />
      <source>Needs attention</source>
      <translation>Needs attention</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="86" />
      <source>revoked %1; it can no longer sync.</source>
      <translation>revoked %1; it can no longer sync.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="90" />
      <source>has not reported its health yet.</source>
      <translation>has not reported its health yet.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="93" />
      <source>nothing needs attention</source>
      <translation>nothing needs attention</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="94" />
      <source>reported %1</source>
      <translation>reported %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="138" />
      <source>Unsent</source>
      <translation>Unsent</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="144" />
      <source>Conflicts</source>
      <translation>Conflicts</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="149" />
      <source>Last error</source>
      <translation>Last error</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="74" />
      <source>User name</source>
      <translation>User name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="76" />
      <source>Full name</source>
      <translation>Full name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="78" />
      <source>Role</source>
      <translation>Role</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="80" />
      <source>Works for</source>
      <translation>Works for</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="84" />
      <source>disabled</source>
      <translation>disabled</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="94" />
      <source>When</source>
      <translation>When</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="95" />
      <source>By</source>
      <translation>By</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="97" />
      <source>What</source>
      <translation>What</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/labels.py" line="84" />
      <source>DB check failed</source>
      <translation>DB check failed</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/labels.py" line="85" />
      <source>unsent &gt; 1 h</source>
      <translation>unsent &gt; 1 h</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/labels.py" line="86" />
      <source>conflicts</source>
      <translation>conflicts</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/labels.py" line="87" />
      <source>sync failing</source>
      <translation>sync failing</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/labels.py" line="88" />
      <source>backup old</source>
      <translation>backup old</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/labels.py" line="89" />
      <source>not encrypted</source>
      <translation>not encrypted</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/labels.py" line="101" />
      <source>%1 (+%2 more)</source>
      <translation>%1 (+%2 more)</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/labels.py" line="142" />
      <location filename="../work/wt/backoffice/desktop/views/admin/labels.py" line="143" />
      <source>no connection</source>
      <translation>no connection</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/health.py" line="73" />
      <source>yes</source>
      <translation>yes</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/health.py" line="73" />
      <source>no</source>
      <translation>no</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/health.py" line="154" />
      <source>DB check</source>
      <translation>DB check</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/health.py" line="160" />
      <source>Backup</source>
      <translation>Backup</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/health.py" line="166" />
      <source>Encrypted</source>
      <translation>Encrypted</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/health.py" line="167" />
      <source>Version</source>
      <translation>Version</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/health.py" line="168" />
      <source>app / protocol</source>
      <translation>app / protocol</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/health.py" line="136" />
      <source>last seen %1, last sync %2</source>
      <translation>last seen %1, last sync %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="216" />
      <source>%1 (free: %2)</source>
      <translation>%1 (free: %2)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="53" />
      <source>overdue receivables</source>
      <translation>overdue receivables</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="50" />
      <source>, </source>
      <translation>, </translation>
    </message>
  </context>
  <context>
    <name>CatalogModel</name>
    <message>
      <location filename="../../desktop/models/products.py" line="86" />
      <location filename="../../desktop/models/products.py" line="207" />
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="87" />
      <location filename="../../desktop/models/products.py" line="208" />
      <source>Product</source>
      <translation>Product</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="209" />
      <source>Category</source>
      <translation>Category</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="210" />
      <source>Unit</source>
      <translation>Unit</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="211" />
      <source>Pack / min.</source>
      <translation>Pack / min.</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="89" />
      <location filename="../../desktop/models/products.py" line="212" />
      <source>Price</source>
      <translation>Price</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="76" />
      <source>%1 / %2</source>
      <translation>%1 / %2</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="82" />
      <source>%1 in stock</source>
      <translation>%1 in stock</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="90" />
      <location filename="../../desktop/models/products.py" line="213" />
      <source>Available</source>
      <translation>Available</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="229" />
      <source>As of %1</source>
      <translation>As of %1</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="242" />
      <source>%1 (%2 per %3)</source>
      <translation>%1 (%2 per %3)</translation>
    </message>
  </context>
  <context>
    <name>CatalogPage</name>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="65" />
      <source>SKU, barcode, name or pinyin (e.g. kl for 可乐)</source>
      <translation>SKU, barcode, name or pinyin (e.g. kl for 可乐)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="70" />
      <source>Prices &amp;for</source>
      <translation>Prices &amp;for</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="86" />
      <source>Type to search the catalog.</source>
      <translation>Type to search the catalog.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="104" />
      <source>Product</source>
      <translation>Product</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="106" />
      <source>Choose a product.</source>
      <translation>Choose a product.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="126" />
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="127" />
      <source>Barcode</source>
      <translation>Barcode</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="128" />
      <source>Packing</source>
      <translation>Packing</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="129" />
      <source>Ordering</source>
      <translation>Ordering</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="130" />
      <source>Tax</source>
      <translation>Tax</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="131" />
      <source>Stock</source>
      <translation>Stock</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="133" />
      <source>Price by quantity</source>
      <translation>Price by quantity</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="135" />
      <source>Quantity</source>
      <translation>Quantity</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="135" />
      <source>Unit price</source>
      <translation>Unit price</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="135" />
      <source>Source</source>
      <translation>Source</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="146" />
      <source>Add to order</source>
      <translation>Add to order</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="180" />
      <source>(list prices)</source>
      <translation>(list prices)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="213" />
      <source>Searching…</source>
      <translation>Searching…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="219" />
      <source>Nothing matches “%1”. Try the SKU, the barcode or pinyin initials.</source>
      <translation>Nothing matches “%1”. Try the SKU, the barcode or pinyin initials.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="222" />
      <source>%1+ products; scroll for more</source>
      <translation>%1+ products; scroll for more</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/shared/catalog.py" line="225" />
      <source>%n product(s)</source>
      <translation>
        <numerusform>%n product</numerusform>
        <numerusform>%n products</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="241" />
      <source>%1 %2 per %3 (%4)</source>
      <translation>%1 %2 per %3 (%4)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="244" />
      <source>multiples of %1, at least %2 %3</source>
      <translation>multiples of %1, at least %2 %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="262" />
      <source>unknown (choose a customer for their warehouse)</source>
      <translation>unknown (choose a customer for their warehouse)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="264" />
      <source>%1 available (%2 on hand, %3 reserved)
as of %4</source>
      <translation>%1 available (%2 on hand, %3 reserved)
as of %4</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="273" />
      <source>any</source>
      <translation>any</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="274" />
      <location filename="../../desktop/views/shared/catalog.py" line="278" />
      <source>list price</source>
      <translation>list price</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="278" />
      <source>customer price</source>
      <translation>customer price</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="284" />
      <source>from %1</source>
      <translation>from %1</translation>
    </message>
  </context>
  <context>
    <name>Clerk</name>
    <message>
      <location filename="../../desktop/views/clerk/ship_lines.py" line="50" />
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship_lines.py" line="54" />
      <source>Product</source>
      <translation>Product</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship_lines.py" line="58" />
      <source>(unknown product)</source>
      <translation>(unknown product)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship_lines.py" line="62" />
      <source>Barcode</source>
      <translation>Barcode</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship_lines.py" line="66" />
      <source>Ordered</source>
      <translation>Ordered</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship_lines.py" line="71" />
      <source>Shipped before</source>
      <translation>Shipped before</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship_lines.py" line="76" />
      <location filename="../../desktop/views/clerk/queue.py" line="84" />
      <source>To ship</source>
      <translation>To ship</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship_lines.py" line="81" />
      <source>This shipment</source>
      <translation>This shipment</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship_lines.py" line="87" />
      <source>Backordered</source>
      <translation>Backordered</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship_lines.py" line="121" />
      <source>Type a whole number of units.</source>
      <translation>Type a whole number of units.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="55" />
      <source>Order</source>
      <translation>Order</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="57" />
      <source>Customer</source>
      <translation>Customer</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="67" />
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="72" />
      <source>Open lines</source>
      <translation>Open lines</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="78" />
      <source>Shipped</source>
      <translation>Shipped</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="90" />
      <source>Placed</source>
      <translation>Placed</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="75" />
      <source>Ship by</source>
      <translation>Ship by</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="77" />
      <source>%1 (placed)</source>
      <translation>%1 (placed)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="79" />
      <source>The delivery date asked for</source>
      <translation>The delivery date asked for</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="80" />
      <source>No delivery date asked for: the day the order was placed</source>
      <translation>No delivery date asked for: the day the order was placed</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="62" />
      <source>Requested</source>
      <translation>Requested</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="63" />
      <source>not given</source>
      <translation>not given</translation>
    </message>
  </context>
  <context>
    <name>ConfirmationDialog</name>
    <message>
      <location filename="../../desktop/confirmation.py" line="121" />
      <source>Order confirmation %1 (%2)</source>
      <translation>Order confirmation %1 (%2)</translation>
    </message>
  </context>
  <context>
    <name>ConflictsPage</name>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="1" />
      <source>Reduce mine to what is still returnable</source>
      <translation>Reduce mine to what is still returnable</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="1" />
      <source>Still returnable (what the server accepts)</source>
      <translation>Still returnable (what the server accepts)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="1" />
      <source>Discard mine</source>
      <translation>Discard mine</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="88" />
      <source>Nothing needs your decision. Changes the server cannot apply as sent will appear here.</source>
      <translation>Nothing needs your decision. Changes the server cannot apply as sent will appear here.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="105" />
      <source>Decision</source>
      <translation>Decision</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="134" />
      <location filename="../../desktop/views/shared/conflicts.py" line="251" />
      <source>Keep mine</source>
      <translation>Keep mine</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="137" />
      <source>Take the server's</source>
      <translation>Take the server's</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="140" />
      <source>Edit a copy</source>
      <translation>Edit a copy</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="161" />
      <source>Product</source>
      <translation>Product</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="162" />
      <source>Quantity</source>
      <translation>Quantity</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="164" />
      <source>Unit price</source>
      <translation>Unit price</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/shared/conflicts.py" line="209" />
      <source>%n later change(s) of this order wait for this decision.</source>
      <translation>
        <numerusform>%n later change of this order waits for this decision.</numerusform>
        <numerusform>%n later changes of this order wait for this decision.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="215" />
      <source>Yours</source>
      <translation>Yours</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="219" />
      <source>The server's (%1)</source>
      <translation>The server's (%1)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="227" />
      <source>At today's prices (what the server accepts)</source>
      <translation>At today's prices (what the server accepts)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="229" />
      <source>The server's: it never accepted this order</source>
      <translation>The server's: it never accepted this order</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="241" />
      <source>%1: quoted %2, now %3</source>
      <translation>%1: quoted %2, now %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="249" />
      <source>Keep mine at the new prices</source>
      <translation>Keep mine at the new prices</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="260" />
      <source>Decided. The change is sent with the next sync.</source>
      <translation>Decided. The change is sent with the next sync.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="173" />
      <source>The price differs between the two sides</source>
      <translation>The price differs between the two sides</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="237" />
      <source>With today's promotions (what the server accepts): %1</source>
      <translation>With today's promotions (what the server accepts): %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="260" />
      <source>none</source>
      <translation>none</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="263" />
      <source>Quoted promotions:</source>
      <translation>Quoted promotions:</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="264" />
      <source>Promotions now:</source>
      <translation>Promotions now:</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="271" />
      <source>Keep mine with today's promotions</source>
      <translation>Keep mine with today's promotions</translation>
    </message>
  </context>
  <context>
    <name>CustomerField</name>
    <message>
      <location filename="../../desktop/views/shared/customer_field.py" line="40" />
      <source>Customer code, name or pinyin</source>
      <translation>Customer code, name or pinyin</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/shared/customer_field.py" line="68" />
      <source>%n customers match: choose one with ↓ and Enter.</source>
      <translation>
        <numerusform>%n customer matches: choose it with ↓ and Enter.</numerusform>
        <numerusform>%n customers match: choose one with ↓ and Enter.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/customer_field.py" line="70" />
      <source>No customer matches “%1”.</source>
      <translation>No customer matches “%1”.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/customer_field.py" line="72" />
      <source>Type the customer's code, name or pinyin.</source>
      <translation>Type the customer's code, name or pinyin.</translation>
    </message>
  </context>
  <context>
    <name>CustomersPage</name>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="46" />
      <source>Search customers by code, name or pinyin</source>
      <translation>Search customers by code, name or pinyin</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="74" />
      <source>Customer</source>
      <translation>Customer</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="94" />
      <source>Address</source>
      <translation>Address</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="95" />
      <source>Phone</source>
      <translation>Phone</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="96" />
      <source>Payment terms</source>
      <translation>Payment terms</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="97" />
      <source>Credit limit</source>
      <translation>Credit limit</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="98" />
      <source>Used by open orders</source>
      <translation>Used by open orders</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="102" />
      <source>New order</source>
      <translation>New order</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="105" />
      <source>Catalog at this customer's prices</source>
      <translation>Catalog at this customer's prices</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="111" />
      <source>Recent orders</source>
      <translation>Recent orders</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/rep/customers.py" line="139" />
      <source>%n customer(s)</source>
      <translation>
        <numerusform>%n customer</numerusform>
        <numerusform>%n customers</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="179" />
      <source>No limit</source>
      <translation>No limit</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="187" />
      <source> (available %1)</source>
      <translation> (available %1)</translation>
    </message>
  </context>
  <context>
    <name>DinghuoApp</name>
    <message>
      <location filename="../../desktop/application.py" line="147" />
      <source>Starting the demo server and loading the demo data…</source>
      <translation>Starting the demo server and loading the demo data…</translation>
    </message>
    <message>
      <location filename="../../desktop/application.py" line="172" />
      <source>Demo</source>
      <translation>Demo</translation>
    </message>
    <message>
      <location filename="../../desktop/application.py" line="173" />
      <source>The demo server could not start: %1</source>
      <translation>The demo server could not start: %1</translation>
    </message>
    <message>
      <location filename="../../desktop/application.py" line="266" />
      <source>Sign out</source>
      <translation>Sign out</translation>
    </message>
    <message>
      <location filename="../../desktop/application.py" line="274" />
      <source>Sign out anyway</source>
      <translation>Sign out anyway</translation>
    </message>
    <message>
      <location filename="../../desktop/application.py" line="268" />
      <source>Some of your work has not reached the server yet: %1, %2, %3.

It stays on this computer and is sent after you sign in again as the same user. Nothing is deleted.</source>
      <translation>Some of your work has not reached the server yet: %1, %2, %3.

It stays on this computer and is sent after you sign in again as the same user. Nothing is deleted.</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/application.py" line="271" />
      <source>%Ln change(s) waiting</source>
      <translation>
        <numerusform>%Ln change waiting</numerusform>
        <numerusform>%Ln changes waiting</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/application.py" line="272" />
      <source>%Ln conflict(s)</source>
      <translation>
        <numerusform>%Ln conflict</numerusform>
        <numerusform>%Ln conflicts</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/application.py" line="273" />
      <source>%Ln draft(s)</source>
      <translation>
        <numerusform>%Ln draft</numerusform>
        <numerusform>%Ln drafts</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/application.py" line="267" />
      <source>Some of your work has not reached the server yet: %1 change(s) waiting, %2 conflict(s), %3 draft(s).

It stays on this computer and is sent after you sign in again as the same user. Nothing is deleted.</source>
      <translation>Some of your work has not reached the server yet: %1 change(s) waiting, %2 conflict(s), %3 draft(s).

It stays on this computer and is sent after you sign in again as the same user. Nothing is deleted.</translation>
    </message>
  </context>
  <context>
    <name>EntryBar</name>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="143" />
      <source>Quantity</source>
      <translation>Quantity</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="158" />
      <source>Add line</source>
      <translation>Add line</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="161" />
      <source>Catalog…</source>
      <translation>Catalog…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="132" />
      <source>SKU, barcode, name or pinyin — or scan</source>
      <translation>SKU, barcode, name or pinyin — or scan</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="159" />
      <source>Add the line (Enter)</source>
      <translation>Add the line (Enter)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="162" />
      <source>Look for the typed text in the catalog</source>
      <translation>Look for the typed text in the catalog</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="168" />
      <source>&amp;Product</source>
      <translation>&amp;Product</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="170" />
      <source>&amp;Quantity</source>
      <translation>&amp;Quantity</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="235" />
      <source>Type or scan a SKU or barcode, or a name.</source>
      <translation>Type or scan a SKU or barcode, or a name.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="237" />
      <source>Nothing matches “%1”. Try the SKU, the barcode, the name or pinyin initials.</source>
      <translation>Nothing matches “%1”. Try the SKU, the barcode, the name or pinyin initials.</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/shared/entry_bar.py" line="241" />
      <source>%n products match: choose one with ↓ and Enter.</source>
      <translation>
        <numerusform>%n product matches: choose it with ↓ and Enter.</numerusform>
        <numerusform>%n products match: choose one with ↓ and Enter.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="255" />
      <source>%1 (%2 %3)</source>
      <translation>%1 (%2 %3)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="258" />
      <source>1 %1 = %2 %3</source>
      <translation>1 %1 = %2 %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="261" />
      <source>sold in packs of %1</source>
      <translation>sold in packs of %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="263" />
      <source>minimum %1 %2</source>
      <translation>minimum %1 %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="338" />
      <source>%1 %2 × %3 = %4 (incl. tax %5)</source>
      <translation>%1 %2 × %3 = %4 (incl. tax %5)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="344" />
      <source>from %1 %2: %3 each</source>
      <translation>from %1 %2: %3 each</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="348" />
      <source>%1 %2 in stock</source>
      <translation>%1 %2 in stock</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <location filename="../../desktop/errors.py" line="74" />
      <source>Please check the order</source>
      <translation>Please check the order</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="80" />
      <source>Something went wrong</source>
      <translation>Something went wrong</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="81" />
      <source>Something went wrong. It was written to the log file:
{path}</source>
      <translation>Something went wrong. It was written to the log file:
{path}</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="89" />
      <source>Not found</source>
      <translation>Not found</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="91" />
      <source>Cannot resolve this way</source>
      <translation>Cannot resolve this way</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="93" />
      <source>Sign in required</source>
      <translation>Sign in required</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="95" />
      <source>Update required</source>
      <translation>Update required</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="97" />
      <source>Cannot sync</source>
      <translation>Cannot sync</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="99" />
      <source>Cannot do that</source>
      <translation>Cannot do that</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="106" />
      <source>The user name or password is wrong. Check them and try again.</source>
      <translation>The user name or password is wrong. Check them and try again.</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="108" />
      <source>Your session has ended. Please sign in again; your unsent changes are kept.</source>
      <translation>Your session has ended. Please sign in again; your unsent changes are kept.</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="112" />
      <source>This app is too old for the server. Please update it; your unsent changes are kept.</source>
      <translation>This app is too old for the server. Please update it; your unsent changes are kept.</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="117" />
      <source>The server refused this for your account or device. Ask your administrator.</source>
      <translation>The server refused this for your account or device. Ask your administrator.</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="121" />
      <source>The server cannot be reached. Your work is saved on this computer and will be sent when the connection returns.</source>
      <translation>The server cannot be reached. Your work is saved on this computer and will be sent when the connection returns.</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="127" />
      <source>The server has a problem right now. Your work is kept; it will be sent later automatically.</source>
      <translation>The server has a problem right now. Your work is kept; it will be sent later automatically.</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="133" />
      <source>The server sent an answer this app cannot use. Your work is kept. Please report this to your administrator.</source>
      <translation>The server sent an answer this app cannot use. Your work is kept. Please report this to your administrator.</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="139" />
      <source>It is not on this computer any more (it may have been removed by a sync).</source>
      <translation>It is not on this computer any more (it may have been removed by a sync).</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="143" />
      <source>This conflict cannot be resolved this way. Choose another option.</source>
      <translation>This conflict cannot be resolved this way. Choose another option.</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="1" />
      <source>Too many sign-in attempts. Try again in %1 s.</source>
      <translation>Too many sign-in attempts. Try again in %1 s.</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="1" />
      <source>This account is locked after too many wrong passwords. Ask your administrator to unlock it.</source>
      <translation>This account is locked after too many wrong passwords. Ask your administrator to unlock it.</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="97" />
      <source>The server refused this</source>
      <translation>The server refused this</translation>
    </message>
  </context>
  <context>
    <name>HealthPage</name>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="119" />
      <source>Devices</source>
      <translation>Devices</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="120" />
      <source>Not synced for an hour</source>
      <translation>Not synced for an hour</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="121" />
      <source>Waiting to send (here)</source>
      <translation>Waiting to send (here)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="122" />
      <source>Conflicts (here)</source>
      <translation>Conflicts (here)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="138" />
      <source>Refresh</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="199" />
      <source>Devices as of %1 (live from the server).</source>
      <translation>Devices as of %1 (live from the server).</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="203" />
      <source>Offline: the device list as last fetched, %1.</source>
      <translation>Offline: the device list as last fetched, %1.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="207" />
      <source>The device list needs a connection to the server.</source>
      <translation>The device list needs a connection to the server.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="208" />
      <source>This device last synced %1.</source>
      <translation>This device last synced %1.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="209" />
      <source>never</source>
      <translation>never</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="182" />
      <source>Need attention</source>
      <translation>Need attention</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <location filename="../../desktop/views/login.py" line="47" />
      <source>Sign in — Dinghuo 订货</source>
      <translation>Sign in — Dinghuo 订货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="53" />
      <source>Welcome to Dinghuo</source>
      <translation>Welcome to Dinghuo</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="56" />
      <source>Sign in once while online. Afterwards the app opens straight away, even without a connection.</source>
      <translation>Sign in once while online. Afterwards the app opens straight away, even without a connection.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="70" />
      <source>Server</source>
      <translation>Server</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="71" />
      <source>User name</source>
      <translation>User name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="72" />
      <source>Password</source>
      <translation>Password</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="80" />
      <location filename="../../desktop/views/login.py" line="118" />
      <source>Sign in</source>
      <translation>Sign in</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="102" />
      <source>Enter the server's address, starting with https:// (ask your administrator).</source>
      <translation>Enter the server's address, starting with https:// (ask your administrator).</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="106" />
      <source>Enter your user name.</source>
      <translation>Enter your user name.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="109" />
      <source>Enter your password.</source>
      <translation>Enter your password.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="118" />
      <source>Signing in…</source>
      <translation>Signing in…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="128" />
      <source>The user name or password is wrong.</source>
      <translation>The user name or password is wrong.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="132" />
      <source>This server cannot be reached. Check the address and your connection.</source>
      <translation>This server cannot be reached. Check the address and your connection.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="150" />
      <source>Unencrypted connection</source>
      <translation>Unencrypted connection</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="150" />
      <source>The address starts with http://, so your password would travel to %1 unencrypted, readable by anyone on the network.

Use the server's https:// address if it has one (ask your administrator). Send the password anyway only on a network you trust.</source>
      <translation>The address starts with http://, so your password would travel to %1 unencrypted, readable by anyone on the network.

Use the server's https:// address if it has one (ask your administrator). Send the password anyway only on a network you trust.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="157" />
      <source>Send anyway</source>
      <translation>Send anyway</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="1" />
      <source>Too many sign-in attempts. Try again in %1 s.</source>
      <translation>Too many sign-in attempts. Try again in %1 s.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="1" />
      <source>This account is locked after too many wrong passwords. Ask your administrator to unlock it.</source>
      <translation>This account is locked after too many wrong passwords. Ask your administrator to unlock it.</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../desktop/main_window.py" line="66" />
      <source>Dinghuo 订货 — %1</source>
      <translation>Dinghuo 订货 — %1</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="109" />
      <location filename="../../desktop/demo/self_test.py" line="123" />
      <source>&amp;File</source>
      <translation>&amp;File</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="110" />
      <source>&amp;Sync now</source>
      <translation>&amp;Sync now</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="114" />
      <source>Se&amp;ttings…</source>
      <translation>Se&amp;ttings…</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="119" />
      <source>Sign &amp;out…</source>
      <translation>Sign &amp;out…</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="122" />
      <source>&amp;Quit</source>
      <translation>&amp;Quit</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="126" />
      <source>&amp;Go</source>
      <translation>&amp;Go</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="132" />
      <source>&amp;Help</source>
      <translation>&amp;Help</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="133" />
      <source>&amp;Keyboard shortcuts</source>
      <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="137" />
      <source>Open the &amp;log folder</source>
      <translation>Open the &amp;log folder</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="141" />
      <source>&amp;About Dinghuo</source>
      <translation>&amp;About Dinghuo</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="183" />
      <source>The server was restored</source>
      <translation>The server was restored</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/main_window.py" line="185" />
      <source>The server was restored from a backup (or switched to its standby) and had lost recent work. %n change(s) you had sent were sent to it again. Prices or stock may have changed meanwhile: look in Conflicts for anything that needs your decision.</source>
      <translation>
        <numerusform>The server was restored from a backup (or switched to its standby) and had lost recent work. %n change you had sent was sent to it again. Prices or stock may have changed meanwhile: look in Conflicts for anything that needs your decision.</numerusform>
        <numerusform>The server was restored from a backup (or switched to its standby) and had lost recent work. %n changes you had sent were sent to it again. Prices or stock may have changed meanwhile: look in Conflicts for anything that needs your decision.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="194" />
      <source>Open Conflicts</source>
      <translation>Open Conflicts</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="192" />
      <source>About Dinghuo</source>
      <translation>About Dinghuo</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="189" />
      <source>Dinghuo 订货 — offline-first ordering.
Log file: %1</source>
      <translation>Dinghuo 订货 — offline-first ordering.
Log file: %1</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="210" />
      <location filename="../../desktop/main_window.py" line="215" />
      <source>Quit</source>
      <translation>Quit</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/main_window.py" line="211" />
      <source>%n change(s) have not reached the server yet. They are kept on this computer and sent the next time Dinghuo runs with a connection.</source>
      <translation>
        <numerusform>%n change has not reached the server yet. It is kept on this computer and sent the next time Dinghuo runs with a connection.</numerusform>
        <numerusform>%n changes have not reached the server yet. They are kept on this computer and sent the next time Dinghuo runs with a connection.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Navigation</name>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="34" />
      <source>Devices</source>
      <translation>Devices</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="102" />
      <source>Sync health</source>
      <translation>Sync health</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="154" />
      <source>Integrations</source>
      <translation>Integrations</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="48" />
      <source>Payments</source>
      <translation>Payments</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="38" />
      <source>Returns</source>
      <translation>Returns</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="75" />
      <source>Review</source>
      <translation>Review</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="62" />
      <source>Users</source>
      <translation>Users</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="126" />
      <source>To ship</source>
      <translation>To ship</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="44" />
      <source>Returns in</source>
      <translation>Returns in</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="55" />
      <source>Ship</source>
      <translation>Ship</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="72" />
      <source>For you</source>
      <translation>For you</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="90" />
      <source>Order again</source>
      <translation>Order again</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="34" />
      <source>Cart</source>
      <translation>Cart</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="35" />
      <source>My orders</source>
      <translation>My orders</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="52" />
      <source>Customers</source>
      <translation>Customers</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="58" />
      <source>Catalog</source>
      <translation>Catalog</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="72" />
      <source>Conflicts</source>
      <translation>Conflicts</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="65" />
      <source>Order entry</source>
      <translation>Order entry</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/orders.py" line="46" />
      <source>Orders</source>
      <translation>Orders</translation>
    </message>
  </context>
  <context>
    <name>Notifier</name>
    <message>
      <location filename="../../desktop/notifier.py" line="44" />
      <source>Order {number} ({customer}) needs your decision</source>
      <translation>Order {number} ({customer}) needs your decision</translation>
    </message>
    <message>
      <location filename="../../desktop/notifier.py" line="47" />
      <source>Order {number} ({customer}) is now {status}</source>
      <translation>Order {number} ({customer}) is now {status}</translation>
    </message>
    <message>
      <location filename="../../desktop/notifier.py" line="50" />
      <source>… and {n} more</source>
      <translation>… and {n} more</translation>
    </message>
    <message>
      <location filename="../../desktop/notifier.py" line="51" />
      <source>Orders updated</source>
      <translation>Orders updated</translation>
    </message>
  </context>
  <context>
    <name>OrderDetail</name>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="57" />
      <source>Choose an order.</source>
      <translation>Choose an order.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="75" />
      <source>Notes</source>
      <translation>Notes</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="76" />
      <source>Total</source>
      <translation>Total</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="81" />
      <source>When</source>
      <translation>When</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="82" />
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="88" />
      <source>Shipped</source>
      <translation>Shipped</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="89" />
      <source>waiting to be sent</source>
      <translation>waiting to be sent</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="90" />
      <source>Carrier</source>
      <translation>Carrier</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="91" />
      <source>Tracking</source>
      <translation>Tracking</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="92" />
      <source>Units</source>
      <translation>Units</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="98" />
      <source>Lines</source>
      <translation>Lines</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="99" />
      <source>Status history</source>
      <translation>Status history</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="100" />
      <source>Shipments</source>
      <translation>Shipments</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="102" />
      <source>Edit</source>
      <translation>Edit</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="105" />
      <source>Cancel order…</source>
      <translation>Cancel order…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="107" />
      <location filename="../../desktop/views/shared/order_detail.py" line="268" />
      <source>Order again</source>
      <translation>Order again</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="110" />
      <source>Confirmation…</source>
      <translation>Confirmation…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="113" />
      <source>Confirm receipt…</source>
      <translation>Confirm receipt…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="158" />
      <source>Order %1 — %2</source>
      <translation>Order %1 — %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="164" />
      <source>held for review: %1</source>
      <translation>held for review: %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="177" />
      <source>On receipt: %1</source>
      <translation>On receipt: %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="179" />
      <source>%1 (net %2 + tax %3)</source>
      <translation>%1 (net %2 + tax %3)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="221" />
      <source>Cancel order</source>
      <translation>Cancel order</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="222" />
      <source>Cancel order %1? The reason is shown to the back office:</source>
      <translation>Cancel order %1? The reason is shown to the back office:</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="260" />
      <source>%1: price now %2 (was %3)</source>
      <translation>%1: price now %2 (was %3)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="266" />
      <source>%1: left out (%2)</source>
      <translation>%1: left out (%2)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="269" />
      <source>A new draft was made at today's prices. Differences:</source>
      <translation>A new draft was made at today's prices. Differences:</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="74" />
      <source>Order no.</source>
      <translation>Order no.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="75" />
      <source>Created</source>
      <translation>Created</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="76" />
      <source>Delivery</source>
      <translation>Delivery</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="85" />
      <source>Note</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="172" />
      <source>%1 (the server numbers the order when it arrives)</source>
      <translation>%1 (the server numbers the order when it arrives)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="175" />
      <source>%1 (saved first as %2)</source>
      <translation>%1 (saved first as %2)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="180" />
      <source>no date requested</source>
      <translation>no date requested</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="73" />
      <source>Numbers</source>
      <translation>Numbers</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="74" />
      <source>Dates</source>
      <translation>Dates</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="83" />
      <source>Reason</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="169" />
      <source>server %1 · local %2</source>
      <translation>server %1 · local %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="168" />
      <source>(not yet assigned)</source>
      <translation>(not yet assigned)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="172" />
      <source>none requested</source>
      <translation>none requested</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="173" />
      <source>created %1 · delivery %2</source>
      <translation>created %1 · delivery %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="105" />
      <source>Return</source>
      <translation>Return</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="110" />
      <source>Credited</source>
      <translation>Credited</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="120" />
      <source>Returns</source>
      <translation>Returns</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="136" />
      <source>Return goods…</source>
      <translation>Return goods…</translation>
    </message>
  </context>
  <context>
    <name>OrderEntryPage</name>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="78" />
      <location filename="../../desktop/views/shared/order_entry.py" line="318" />
      <source>New order</source>
      <translation>New order</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="81" />
      <source>&amp;Customer</source>
      <translation>&amp;Customer</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="121" />
      <source>Delivery and notes</source>
      <translation>Delivery and notes</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="127" />
      <source>Requested delivery date</source>
      <translation>Requested delivery date</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="138" />
      <source>Notes for the warehouse or the customer</source>
      <translation>Notes for the warehouse or the customer</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="142" />
      <source>Notes</source>
      <translation>Notes</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="143" />
      <source>Totals</source>
      <translation>Totals</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="152" />
      <source>Net</source>
      <translation>Net</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="153" />
      <source>Tax</source>
      <translation>Tax</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="154" />
      <source>Total</source>
      <translation>Total</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="160" />
      <source>Save draft</source>
      <translation>Save draft</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="163" />
      <location filename="../../desktop/views/shared/order_entry.py" line="331" />
      <source>Submit order</source>
      <translation>Submit order</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="226" />
      <source>This order's customer is fixed. Ctrl+N starts a new order.</source>
      <translation>This order's customer is fixed. Ctrl+N starts a new order.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="320" />
      <source>Order %1 · %2</source>
      <translation>Order %1 · %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="331" />
      <source>Done</source>
      <translation>Done</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="335" />
      <location filename="../../desktop/views/shared/order_entry.py" line="397" />
      <source>Choose the customer first.</source>
      <translation>Choose the customer first.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="350" />
      <source>Credit limit %1, used by open orders %2</source>
      <translation>Credit limit %1, used by open orders %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="384" />
      <source>Line %1 (%2): </source>
      <translation>Line %1 (%2): </translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="442" />
      <source>There is nothing to save or submit yet: the order is made with its first line.</source>
      <translation>There is nothing to save or submit yet: the order is made with its first line.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="446" />
      <source>Order %1 can no longer be changed.</source>
      <translation>Order %1 can no longer be changed.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="462" />
      <source>Saved on this computer.</source>
      <translation>Saved on this computer.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="484" />
      <source>Order %1 is submitted. It is sent to the server as soon as there is a connection.</source>
      <translation>Order %1 is submitted. It is sent to the server as soon as there is a connection.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="487" />
      <source>Changes to order %1 are saved and will be sent.</source>
      <translation>Changes to order %1 are saved and will be sent.</translation>
    </message>
  </context>
  <context>
    <name>OrdersPage</name>
    <message>
      <location filename="../../desktop/views/shared/orders.py" line="52" />
      <source>All statuses</source>
      <translation>All statuses</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/orders.py" line="56" />
      <source>Search by order number, customer or notes</source>
      <translation>Search by order number, customer or notes</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/orders.py" line="59" />
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/shared/orders.py" line="136" />
      <source>%n order(s)</source>
      <translation>
        <numerusform>%n order</numerusform>
        <numerusform>%n orders</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/orders.py" line="137" />
      <source>the latest %1 orders; filter to see others</source>
      <translation>the latest %1 orders; filter to see others</translation>
    </message>
  </context>
  <context>
    <name>Owner</name>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="84" />
      <location filename="../../desktop/views/owner/home.py" line="150" />
      <location filename="../../desktop/views/owner/reorder.py" line="111" />
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="85" />
      <location filename="../../desktop/views/owner/home.py" line="151" />
      <location filename="../../desktop/views/owner/reorder.py" line="115" />
      <source>Product</source>
      <translation>Product</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="87" />
      <source>Usual quantity</source>
      <translation>Usual quantity</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="92" />
      <source>Every</source>
      <translation>Every</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="94" />
      <source>%1 days</source>
      <translation>%1 days</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="101" />
      <source>Last ordered</source>
      <translation>Last ordered</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="105" />
      <source>Due</source>
      <translation>Due</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="107" />
      <source>due now</source>
      <translation>due now</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="114" />
      <location filename="../../desktop/views/owner/home.py" line="153" />
      <source>Unit price</source>
      <translation>Unit price</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="157" />
      <source>not available</source>
      <translation>not available</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="59" />
      <source>price up %1</source>
      <translation>price up %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="59" />
      <source>price down %1</source>
      <translation>price down %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="63" />
      <source>only %1 in stock (as of the last sync)</source>
      <translation>only %1 in stock (as of the last sync)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="67" />
      <source>left out: %1</source>
      <translation>left out: %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="68" />
      <source>left out (%1)</source>
      <translation>left out (%1)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="119" />
      <source>(unknown product)</source>
      <translation>(unknown product)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="123" />
      <source>Quantity</source>
      <translation>Quantity</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="128" />
      <source>Price then</source>
      <translation>Price then</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="133" />
      <source>Price now</source>
      <translation>Price now</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="139" />
      <source>Total now</source>
      <translation>Total now</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="144" />
      <source>What changed</source>
      <translation>What changed</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="147" />
      <source>same as last time</source>
      <translation>same as last time</translation>
    </message>
  </context>
  <context>
    <name>OwnerHomePage</name>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="125" />
      <source>Add selected to cart</source>
      <translation>Add selected to cart</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="127" />
      <source>Add all due to cart</source>
      <translation>Add all due to cart</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="132" />
      <source>From your order history: the quantity you usually order and how often. Nothing is added until you choose to.</source>
      <translation>From your order history: the quantity you usually order and how often. Nothing is added until you choose to.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="138" />
      <source>Suggested for you</source>
      <translation>Suggested for you</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="167" />
      <source>Add to cart…</source>
      <translation>Add to cart…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="169" />
      <source>Remove from favourites</source>
      <translation>Remove from favourites</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="171" />
      <source>Favourites</source>
      <translation>Favourites</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="205" />
      <source>Add all due to cart (%1)</source>
      <translation>Add all due to cart (%1)</translation>
    </message>
  </context>
  <context>
    <name>OwnerWorkspace</name>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="68" />
      <source>Favourite</source>
      <translation>Favourite</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="73" />
      <source>Add to cart</source>
      <translation>Add to cart</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/owner/workspace.py" line="151" />
      <source>%n product(s) added to the cart.</source>
      <translation>
        <numerusform>%n product added to the cart.</numerusform>
        <numerusform>%n products added to the cart.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="176" />
      <source>★ Favourite</source>
      <translation>★ Favourite</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="177" />
      <source>☆ Mark as favourite</source>
      <translation>☆ Mark as favourite</translation>
    </message>
  </context>
  <context>
    <name>PickListDialog</name>
    <message>
      <location filename="../../desktop/picklist.py" line="131" />
      <source>Pick list %1</source>
      <translation>Pick list %1</translation>
    </message>
  </context>
  <context>
    <name>ReceiptDialog</name>
    <message>
      <location filename="../../desktop/views/shared/receipt.py" line="35" />
      <source>Confirm receipt of %1</source>
      <translation>Confirm receipt of %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/receipt.py" line="43" />
      <source>Everything arrived in good order</source>
      <translation>Everything arrived in good order</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/receipt.py" line="45" />
      <source>Something is missing or damaged:</source>
      <translation>Something is missing or damaged:</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/receipt.py" line="48" />
      <source>e.g. one case of 可口可乐 missing, two bottles broken</source>
      <translation>e.g. one case of 可口可乐 missing, two bottles broken</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/receipt.py" line="55" />
      <source>Confirm receipt</source>
      <translation>Confirm receipt</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/receipt.py" line="72" />
      <source>Say what is missing or damaged.</source>
      <translation>Say what is missing or damaged.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/receipt.py" line="77" />
      <source>Receipt confirmed. It is sent with the next sync.</source>
      <translation>Receipt confirmed. It is sent with the next sync.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/receipt.py" line="37" />
      <source>Receipt of order %1 — %2</source>
      <translation>Receipt of order %1 — %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/receipt.py" line="41" />
      <source>Order total %1. Check the delivery against the lines below.</source>
      <translation>Order total %1. Check the delivery against the lines below.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/receipt.py" line="36" />
      <source>Check the delivery against the lines below.</source>
      <translation>Check the delivery against the lines below.</translation>
    </message>
  </context>
  <context>
    <name>ReorderPage</name>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="105" />
      <source>Choose “Order again” on a past order.</source>
      <translation>Choose “Order again” on a past order.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="159" />
      <source>Submit order</source>
      <translation>Submit order</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="164" />
      <source>Change in cart</source>
      <translation>Change in cart</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="166" />
      <source>Discard</source>
      <translation>Discard</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="192" />
      <source>Order again: %1 of %2, at today's prices</source>
      <translation>Order again: %1 of %2, at today's prices</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="199" />
      <source>Then %1 · now %2 (%3).</source>
      <translation>Then %1 · now %2 (%3).</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="203" />
      <source>no change</source>
      <translation>no change</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/owner/reorder.py" line="207" />
      <source>%n line(s) differ from last time: check them before you submit.</source>
      <translation>
        <numerusform>%n line differs from last time: check it before you submit.</numerusform>
        <numerusform>%n lines differ from last time: check them before you submit.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="209" />
      <source>Same products, quantities and prices as last time.</source>
      <translation>Same products, quantities and prices as last time.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="235" />
      <source>Order submitted. It is sent with the next sync.</source>
      <translation>Order submitted. It is sent with the next sync.</translation>
    </message>
  </context>
  <context>
    <name>ReviewPage</name>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="164" />
      <source>No order waits for review. Orders the auto-confirm rule holds back (credit, stock) appear here.</source>
      <translation>No order waits for review. Orders the auto-confirm rule holds back (credit, stock) appear here.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="181" />
      <source>Decision</source>
      <translation>Decision</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="183" />
      <location filename="../../desktop/views/admin/review.py" line="283" />
      <source>Choose an order.</source>
      <translation>Choose an order.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="193" />
      <source>Held because</source>
      <translation>Held because</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="194" />
      <source>Credit</source>
      <translation>Credit</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="195" />
      <source>Notes</source>
      <translation>Notes</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="231" />
      <source>Confirm order</source>
      <translation>Confirm order</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="234" />
      <source>Reject…</source>
      <translation>Reject…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="290" />
      <source>Order %1 — %2 · %3</source>
      <translation>Order %1 — %2 · %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="297" />
      <source>manual review (auto-confirm is off)</source>
      <translation>manual review (auto-confirm is off)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="301" />
      <source>limit %1 · open orders %2 (with this one) · %3 over</source>
      <translation>limit %1 · open orders %2 (with this one) · %3 over</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="307" />
      <source>no credit limit</source>
      <translation>no credit limit</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="328" />
      <source>Order %1 confirmed. The rep is notified after the next sync.</source>
      <translation>Order %1 confirmed. The rep is notified after the next sync.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="349" />
      <source>Order %1 rejected. The rep is notified after the next sync.</source>
      <translation>Order %1 rejected. The rep is notified after the next sync.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="201" />
      <source>Promotions</source>
      <translation>Promotions</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="323" />
      <source>none</source>
      <translation>none</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="95" />
      <source>Reject order %1</source>
      <translation>Reject order %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="99" />
      <source>e.g. credit limit exceeded: please pay the open invoices first</source>
      <translation>e.g. credit limit exceeded: please pay the open invoices first</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="104" />
      <source>Reject order</source>
      <translation>Reject order</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="109" />
      <source>Why? The sales rep is notified with this reason.</source>
      <translation>Why? The sales rep is notified with this reason.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="119" />
      <source>Say why the order is rejected.</source>
      <translation>Say why the order is rejected.</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="../../desktop/views/settings_dialog.py" line="30" />
      <source>Settings</source>
      <translation>Settings</translation>
    </message>
    <message>
      <location filename="../../desktop/views/settings_dialog.py" line="35" />
      <source>Server</source>
      <translation>Server</translation>
    </message>
    <message>
      <location filename="../../desktop/views/settings_dialog.py" line="36" />
      <source>A new server address is used the next time you sign in.</source>
      <translation>A new server address is used the next time you sign in.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/settings_dialog.py" line="43" />
      <source> s</source>
      <translation> s</translation>
    </message>
    <message>
      <location filename="../../desktop/views/settings_dialog.py" line="45" />
      <source>Sync every</source>
      <translation>Sync every</translation>
    </message>
    <message>
      <location filename="../../desktop/views/settings_dialog.py" line="50" />
      <source>Language</source>
      <translation>Language</translation>
    </message>
  </context>
  <context>
    <name>ShipPage</name>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="62" />
      <source>Choose an order in the queue.</source>
      <translation>Choose an order in the queue.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="76" />
      <source>Each scan counts one unit</source>
      <translation>Each scan counts one unit</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="77" />
      <source>Each scan counts one case</source>
      <translation>Each scan counts one case</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="119" />
      <location filename="../../desktop/views/clerk/ship.py" line="132" />
      <source>Carrier</source>
      <translation>Carrier</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="69" />
      <source>Scan a barcode or type a SKU, then Enter (12*code counts twelve). Enter on an empty field: the tracking number</source>
      <translation>Scan a barcode or type a SKU, then Enter (12*code counts twelve). Enter on an empty field: the tracking number</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="128" />
      <source>Scan or type the waybill number, then Enter to confirm</source>
      <translation>Scan or type the waybill number, then Enter to confirm</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="133" />
      <source>Tracking number</source>
      <translation>Tracking number</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="134" />
      <source>Count everything left</source>
      <translation>Count everything left</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="136" />
      <source>Start over</source>
      <translation>Start over</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="138" />
      <source>Confirm shipment</source>
      <translation>Confirm shipment</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="198" />
      <source>Ship order %1 — %2</source>
      <translation>Ship order %1 — %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="200" />
      <source>not given</source>
      <translation>not given</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="201" />
      <source>%1 · requested delivery %2</source>
      <translation>%1 · requested delivery %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="204" />
      <source>notes: %1</source>
      <translation>notes: %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="206" />
      <source>the server did not accept a change: see Conflicts</source>
      <translation>the server did not accept a change: see Conflicts</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="221" />
      <source>This order is %1 now: nothing can be shipped.</source>
      <translation>This order is %1 now: nothing can be shipped.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="242" />
      <source>“%1” is not on this order. Check the product or scan another.</source>
      <translation>“%1” is not on this order. Check the product or scan another.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="252" />
      <source>%1: %2 of %3 counted</source>
      <translation>%1: %2 of %3 counted</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="275" />
      <source>Nothing counted yet: scan the goods as they are packed.</source>
      <translation>Nothing counted yet: scan the goods as they are packed.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="296" />
      <source>Enter the tracking number from the waybill.</source>
      <translation>Enter the tracking number from the waybill.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="308" />
      <source>Shipment of %1 recorded. It is sent with the next sync.</source>
      <translation>Shipment of %1 recorded. It is sent with the next sync.</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/clerk/ship.py" line="285" />
      <source>This shipment: %Ln unit(s).</source>
      <translation>
        <numerusform>This shipment: %Ln unit.</numerusform>
        <numerusform>This shipment: %Ln units.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/clerk/ship.py" line="286" />
      <source>%Ln unit(s) stay backordered and remain in the queue.</source>
      <translation>
        <numerusform>%Ln unit stays backordered and remains in the queue.</numerusform>
        <numerusform>%Ln units stay backordered and remain in the queue.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/clerk/ship.py" line="288" />
      <source>This shipment: %Ln unit(s), everything left on the order.</source>
      <translation>
        <numerusform>This shipment: %Ln unit, everything left on the order.</numerusform>
        <numerusform>This shipment: %Ln units, everything left on the order.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/clerk/ship.py" line="312" />
      <source>Shipment of %1 recorded; %Ln unit(s) backordered. It is sent with the next sync.</source>
      <translation>
        <numerusform>Shipment of %1 recorded; %Ln unit backordered. It is sent with the next sync.</numerusform>
        <numerusform>Shipment of %1 recorded; %Ln units backordered. It is sent with the next sync.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="285" />
      <source>%1 %2</source>
      <translation>%1 %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="277" />
      <source>This shipment: %1 unit(s). %2 unit(s) stay backordered and remain in the queue.</source>
      <translation>This shipment: %1 unit(s). %2 unit(s) stay backordered and remain in the queue.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="281" />
      <source>This shipment: %1 unit(s) — everything left on the order.</source>
      <translation>This shipment: %1 unit(s) — everything left on the order.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="305" />
      <source>Shipment of %1 recorded; %2 unit(s) backordered. It is sent with the next sync.</source>
      <translation>Shipment of %1 recorded; %2 unit(s) backordered. It is sent with the next sync.</translation>
    </message>
  </context>
  <context>
    <name>ShipQueuePage</name>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="121" />
      <source>Order number or customer</source>
      <translation>Order number or customer</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="124" />
      <source>Ship…</source>
      <translation>Ship…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="127" />
      <source>Pick list…</source>
      <translation>Pick list…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="155" />
      <source>Enter (or a double click) ships the order. Select several orders (Shift+↓ or Ctrl+click) for one pick list (Ctrl+P).</source>
      <translation>Enter (or a double click) ships the order. Select several orders (Shift+↓ or Ctrl+click) for one pick list (Ctrl+P).</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="256" />
      <source>%1 orders</source>
      <translation>%1 orders</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/clerk/queue.py" line="209" />
      <source>%Ln order(s) to ship</source>
      <translation>
        <numerusform>%Ln order to ship</numerusform>
        <numerusform>%Ln orders to ship</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/clerk/queue.py" line="210" />
      <source>%Ln unit(s)</source>
      <translation>
        <numerusform>%Ln unit</numerusform>
        <numerusform>%Ln units</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/clerk/queue.py" line="211" />
      <source>%Ln partially shipped</source>
      <translation>
        <numerusform>%Ln partially shipped</numerusform>
        <numerusform>%Ln partially shipped</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="209" />
      <source>%1, %2; %3</source>
      <translation>%1, %2; %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="189" />
      <source>%1 order(s) to ship, %2 unit(s); %3 partially shipped</source>
      <translation>%1 order(s) to ship, %2 unit(s); %3 partially shipped</translation>
    </message>
  </context>
  <context>
    <name>Shortcuts</name>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="23" />
      <source>Everywhere</source>
      <translation>Everywhere</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="24" />
      <source>Go to a page (the Go menu); the cursor lands in the page's main field</source>
      <translation>Go to a page (the Go menu); the cursor lands in the page's main field</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="27" />
      <source>Next / previous field (Tab leaves lists too)</source>
      <translation>Next / previous field (Tab leaves lists too)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="29" />
      <source>In a list: the row's main action (start an order, add to the order, open, ship)</source>
      <translation>In a list: the row's main action (start an order, add to the order, open, ship)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="32" />
      <source>In a field that finds as you type: choose a match, pick it, close the list</source>
      <translation>In a field that finds as you type: choose a match, pick it, close the list</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="35" />
      <source>Search on this page</source>
      <translation>Search on this page</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="36" />
      <source>Sync now</source>
      <translation>Sync now</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="37" />
      <source>This list</source>
      <translation>This list</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="39" />
      <source>Order entry and cart</source>
      <translation>Order entry and cart</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="40" />
      <source>The customer: type a code, a name or pinyin, then Enter</source>
      <translation>The customer: type a code, a name or pinyin, then Enter</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="42" />
      <source>A new order for the same customer</source>
      <translation>A new order for the same customer</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="43" />
      <source>Product field</source>
      <translation>Product field</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="43" />
      <source>A SKU, a barcode (scan it), a name or pinyin (full or initials), then Enter</source>
      <translation>A SKU, a barcode (scan it), a name or pinyin (full or initials), then Enter</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="46" />
      <source>In the quantity or the unit: add the line</source>
      <translation>In the quantity or the unit: add the line</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="47" />
      <source>From the quantity to the unit, and switch to cases</source>
      <translation>From the quantity to the unit, and switch to cases</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="49" />
      <source>Enter / Delete on a line</source>
      <translation>Enter / Delete on a line</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="50" />
      <source>Change its quantity / remove it</source>
      <translation>Change its quantity / remove it</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="51" />
      <source>Save the draft</source>
      <translation>Save the draft</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="52" />
      <source>Submit the order</source>
      <translation>Submit the order</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="54" />
      <source>Orders</source>
      <translation>Orders</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="55" />
      <source>Open a draft in order entry, or another order's detail</source>
      <translation>Open a draft in order entry, or another order's detail</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="57" />
      <source>Edit / order again / confirmation</source>
      <translation>Edit / order again / confirmation</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="59" />
      <source>Order again: Ctrl+Enter</source>
      <translation>Order again: Ctrl+Enter</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="60" />
      <source>Submit the new order</source>
      <translation>Submit the new order</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="62" />
      <source>Warehouse</source>
      <translation>Warehouse</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="63" />
      <source>In the queue: ship the order; in its search, ship the one order found</source>
      <translation>In the queue: ship the order; in its search, ship the one order found</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="66" />
      <source>Select several orders, show their pick list</source>
      <translation>Select several orders, show their pick list</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="68" />
      <source>Scan</source>
      <translation>Scan</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="68" />
      <source>Each scan counts one (12*code counts twelve)</source>
      <translation>Each scan counts one (12*code counts twelve)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="70" />
      <source>Enter on the empty scan field</source>
      <translation>Enter on the empty scan field</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="71" />
      <source>Go to the tracking number</source>
      <translation>Go to the tracking number</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="72" />
      <source>Enter in the tracking number, Ctrl+Enter</source>
      <translation>Enter in the tracking number, Ctrl+Enter</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="73" />
      <source>Confirm the shipment</source>
      <translation>Confirm the shipment</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/shortcuts.py" line="75" />
      <source>Back office</source>
      <translation>Back office</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/shortcuts.py" line="76" />
      <source>Devices / users / integration tokens</source>
      <translation>Devices / users / integration tokens</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/shortcuts.py" line="78" />
      <source>In devices or tokens: revoke the chosen one (asks first)</source>
      <translation>In devices or tokens: revoke the chosen one (asks first)</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/shortcuts.py" line="80" />
      <source>In users: change the user's role</source>
      <translation>In users: change the user's role</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/shortcuts.py" line="81" />
      <source>In users or tokens: a new one</source>
      <translation>In users or tokens: a new one</translation>
    </message>
  </context>
  <context>
    <name>ShortcutsDialog</name>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="101" />
      <source>Keyboard shortcuts</source>
      <translation>Keyboard shortcuts</translation>
    </message>
  </context>
  <context>
    <name>Status</name>
    <message>
      <location filename="../../desktop/labels.py" line="13" />
      <source>draft</source>
      <translation>draft</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="14" />
      <source>submitted</source>
      <translation>submitted</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="15" />
      <source>confirmed</source>
      <translation>confirmed</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="16" />
      <source>partially shipped</source>
      <translation>partially shipped</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="17" />
      <source>shipped</source>
      <translation>shipped</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="18" />
      <source>closed</source>
      <translation>closed</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="19" />
      <source>cancelled</source>
      <translation>cancelled</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="20" />
      <source>rejected</source>
      <translation>rejected</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="28" />
      <source>not sent (draft)</source>
      <translation>not sent (draft)</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="29" />
      <source>waiting to be sent</source>
      <translation>waiting to be sent</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="30" />
      <source>needs your decision</source>
      <translation>needs your decision</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="31" />
      <source>synced</source>
      <translation>synced</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="55" />
      <source>confirmed automatically (nothing to review)</source>
      <translation>confirmed automatically (nothing to review)</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="56" />
      <source>changed by the rep</source>
      <translation>changed by the rep</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="61" />
      <source>tracking number %1</source>
      <translation>tracking number %1</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="39" />
      <source>waiting for approval</source>
      <translation>waiting for approval</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="40" />
      <source>approved, to receive</source>
      <translation>approved, to receive</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="41" />
      <source>refused</source>
      <translation>refused</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="42" />
      <source>partly received</source>
      <translation>partly received</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="43" />
      <source>received</source>
      <translation>received</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="51" />
      <source>damaged</source>
      <translation>damaged</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="52" />
      <source>expired</source>
      <translation>expired</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="53" />
      <source>wrong goods</source>
      <translation>wrong goods</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="54" />
      <source>unsold</source>
      <translation>unsold</translation>
    </message>
  </context>
  <context>
    <name>SyncStatusBar</name>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="38" />
      <source>Sign in…</source>
      <translation>Sign in…</translation>
    </message>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="41" />
      <location filename="../../desktop/widgets/status_bar.py" line="60" />
      <source>Sync now</source>
      <translation>Sync now</translation>
    </message>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="43" />
      <source>Send your changes and fetch new ones now (F5)</source>
      <translation>Send your changes and fetch new ones now (F5)</translation>
    </message>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="60" />
      <source>Syncing…</source>
      <translation>Syncing…</translation>
    </message>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="64" />
      <source>● Connecting…</source>
      <translation>● Connecting…</translation>
    </message>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="67" />
      <source>● Online</source>
      <translation>● Online</translation>
    </message>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="70" />
      <source>● Offline</source>
      <translation>● Offline</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/widgets/status_bar.py" line="75" />
      <source>%n change(s) waiting to be sent</source>
      <translation>
        <numerusform>%n change waiting to be sent</numerusform>
        <numerusform>%n changes waiting to be sent</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="76" />
      <source>All changes sent</source>
      <translation>All changes sent</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/widgets/status_bar.py" line="79" />
      <source>⚠ %n conflict(s) need a decision</source>
      <translation>
        <numerusform>⚠ %n conflict needs a decision</numerusform>
        <numerusform>⚠ %n conflicts need a decision</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="81" />
      <source>Last sync: %1</source>
      <translation>Last sync: %1</translation>
    </message>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="82" />
      <source>Not synced yet</source>
      <translation>Not synced yet</translation>
    </message>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="92" />
      <source>This app is too old for the server: please update it. Your changes are kept.</source>
      <translation>This app is too old for the server: please update it. Your changes are kept.</translation>
    </message>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="95" />
      <source>Please sign in again to sync. Your changes are kept.</source>
      <translation>Please sign in again to sync. Your changes are kept.</translation>
    </message>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="98" />
      <source>Cannot reach the server; will retry. Your work is saved here.</source>
      <translation>Cannot reach the server; will retry. Your work is saved here.</translation>
    </message>
  </context>
  <context>
    <name>Tables</name>
    <message>
      <location filename="../../desktop/models/tables.py" line="63" />
      <location filename="../../desktop/models/tables.py" line="106" />
      <source>Code</source>
      <translation>Code</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="64" />
      <location filename="../../desktop/models/tables.py" line="108" />
      <location filename="../../desktop/models/tables.py" line="140" />
      <source>Customer</source>
      <translation>Customer</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="65" />
      <source>Also</source>
      <translation>Also</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="112" />
      <source>Phone</source>
      <translation>Phone</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="113" />
      <source>Payment terms</source>
      <translation>Payment terms</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="115" />
      <source>Credit limit</source>
      <translation>Credit limit</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="119" />
      <source>none</source>
      <translation>none</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="131" />
      <location filename="../../desktop/models/tables.py" line="264" />
      <source>Order</source>
      <translation>Order</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="133" />
      <source>Local number: %1</source>
      <translation>Local number: %1</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="144" />
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="145" />
      <source>Created</source>
      <translation>Created</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="146" />
      <source>Delivery</source>
      <translation>Delivery</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="148" />
      <location filename="../../desktop/models/tables.py" line="226" />
      <source>Total</source>
      <translation>Total</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="196" />
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="198" />
      <source>Product</source>
      <translation>Product</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="202" />
      <source>(unknown product)</source>
      <translation>(unknown product)</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="206" />
      <source>Quantity</source>
      <translation>Quantity</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="211" />
      <source>Unit price</source>
      <translation>Unit price</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="216" />
      <source>Net</source>
      <translation>Net</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="221" />
      <source>Tax</source>
      <translation>Tax</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="247" />
      <source>Submit</source>
      <translation>Submit</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="248" />
      <source>Change</source>
      <translation>Change</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="249" />
      <source>Cancel</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="250" />
      <source>Shipment</source>
      <translation>Shipment</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="251" />
      <source>Confirm</source>
      <translation>Confirm</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="252" />
      <source>Reject</source>
      <translation>Reject</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="253" />
      <source>Receipt</source>
      <translation>Receipt</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="267" />
      <source>Action</source>
      <translation>Action</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="269" />
      <source>Outcome</source>
      <translation>Outcome</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="278" />
      <source>Reason</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="282" />
      <source>When</source>
      <translation>When</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="264" />
      <source>Conflict</source>
      <translation>Conflict</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="266" />
      <source>Rejected</source>
      <translation>Rejected</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="271" />
      <source>conflict</source>
      <translation>conflict</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="273" />
      <source>rejected</source>
      <translation>rejected</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="193" />
      <source>%1 (free: %2)</source>
      <translation>%1 (free: %2)</translation>
    </message>
  </context>
  <context>
    <name>Workspaces</name>
    <message>
      <location filename="../../desktop/workspaces.py" line="50" />
      <source>The workspace for your role ({role}) is not in this version yet. Your data is synced and safe.</source>
      <translation>The workspace for your role ({role}) is not in this version yet. Your data is synced and safe.</translation>
    </message>
  </context>
  <context>
    <name>DevicesPage</name>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="62" />
      <source>No device has signed in yet.</source>
      <translation>No device has signed in yet.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="67" />
      <source>Refresh</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="69" />
      <source>Revoke…</source>
      <translation>Revoke…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="71" />
      <source>End this device's sign-in; it can no longer sync</source>
      <translation>End this device's sign-in; it can no longer sync</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="73" />
      <source>Revoke and wipe…</source>
      <translation>Revoke and wipe…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="75" />
      <source>Also delete the device's local data at its next contact</source>
      <translation>Also delete the device's local data at its next contact</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="78" />
      <source>Sign out the user everywhere…</source>
      <translation>Sign out the user everywhere…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="123" />
      <source>%1 devices, as of %2.</source>
      <translation>%1 devices, as of %2.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="144" />
      <source>Revoke and wipe %1?</source>
      <translation>Revoke and wipe %1?</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="146" />
      <source>%1 is signed out now and can no longer sync. At its next contact with the server it deletes its local database, its backups and its stored sign-in.

Changes made on it that were not sent yet are lost. This cannot be undone.</source>
      <translation>%1 is signed out now and can no longer sync. At its next contact with the server it deletes its local database, its backups and its stored sign-in.

Changes made on it that were not sent yet are lost. This cannot be undone.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="150" />
      <source>Revoke and wipe</source>
      <translation>Revoke and wipe</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="152" />
      <source>Revoke %1?</source>
      <translation>Revoke %1?</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="154" />
      <source>%1 is signed out now and can no longer sync; at its next contact it tells its user why. Its local data stays on it (unsent changes are kept but not sent). This cannot be undone: the device must be set up again.</source>
      <translation>%1 is signed out now and can no longer sync; at its next contact it tells its user why. Its local data stays on it (unsent changes are kept but not sent). This cannot be undone: the device must be set up again.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="158" />
      <source>Revoke</source>
      <translation>Revoke</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="168" />
      <source>%1 revoked; its data is wiped at its next contact.</source>
      <translation>%1 revoked; its data is wiped at its next contact.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="169" />
      <source>%1 revoked.</source>
      <translation>%1 revoked.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="180" />
      <source>Sign out %1 everywhere?</source>
      <translation>Sign out %1 everywhere?</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="181" />
      <source>Every sign-in of %1 ends now, on every device. They can sign in again with their password; nothing on their devices is deleted.</source>
      <translation>Every sign-in of %1 ends now, on every device. They can sign in again with their password; nothing on their devices is deleted.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="184" />
      <source>Sign out everywhere</source>
      <translation>Sign out everywhere</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="190" />
      <source>%1 is signed out on every device.</source>
      <translation>%1 is signed out on every device.</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/devices.py" line="106" />
      <source>Sign out %1 everywhere…</source>
      <translation>Sign out %1 everywhere…</translation>
    </message>
  </context>
  <context>
    <name>IntegrationsPage</name>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="187" />
      <source>No integration token yet. Make one for each system that sends catalog, prices, stock or customers to Dinghuo.</source>
      <translation>No integration token yet. Make one for each system that sends catalog, prices, stock or customers to Dinghuo.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="191" />
      <source>New token…</source>
      <translation>New token…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="194" />
      <source>Revoke…</source>
      <translation>Revoke…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="197" />
      <source>Refresh</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="204" />
      <source>Systems write through the integration API with these tokens (see “Integrating with your ERP or WMS” in the documentation).</source>
      <translation>Systems write through the integration API with these tokens (see “Integrating with your ERP or WMS” in the documentation).</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="275" />
      <source>Revoke the token of %1?</source>
      <translation>Revoke the token of %1?</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="276" />
      <source>%1's next request with this token is refused, at once. The system needs a new token to write again. This cannot be undone.</source>
      <translation>%1's next request with this token is refused, at once. The system needs a new token to write again. This cannot be undone.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="279" />
      <source>Revoke</source>
      <translation>Revoke</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="285" />
      <source>The token of %1 is revoked.</source>
      <translation>The token of %1 is revoked.</translation>
    </message>
  </context>
  <context>
    <name>PasswordDialog</name>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="192" />
      <source>Set password</source>
      <translation>Set password</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="195" />
      <source>New password for %1</source>
      <translation>New password for %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="205" />
      <source>New password</source>
      <translation>New password</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="206" />
      <source>Again</source>
      <translation>Again</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="207" />
      <source>%1 is signed out on every device and signs in with the new password.</source>
      <translation>%1 is signed out on every device and signs in with the new password.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="220" />
      <source>Type the new password.</source>
      <translation>Type the new password.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="223" />
      <source>The two passwords differ.</source>
      <translation>The two passwords differ.</translation>
    </message>
  </context>
  <context>
    <name>SecretDialog</name>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="117" />
      <source>Token for %1</source>
      <translation>Token for %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="119" />
      <source>Copy this token now and put it in %1's settings. It is shown only this once: the server keeps only a fingerprint of it. If it is lost, revoke it and make a new one.</source>
      <translation>Copy this token now and put it in %1's settings. It is shown only this once: the server keeps only a fingerprint of it. If it is lost, revoke it and make a new one.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="128" />
      <source>Copy</source>
      <translation>Copy</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="134" />
      <source>May write: %1</source>
      <translation>May write: %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="147" />
      <source>Copied</source>
      <translation>Copied</translation>
    </message>
  </context>
  <context>
    <name>TokenDialog</name>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="49" />
      <source>New integration token</source>
      <translation>New integration token</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="53" />
      <source>the system, e.g. erp or wms</source>
      <translation>the system, e.g. erp or wms</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="68" />
      <source>System</source>
      <translation>System</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="69" />
      <source>May write</source>
      <translation>May write</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="70" />
      <source>The token belongs to a system, not a person: no password is involved. Give it only what it needs to write.</source>
      <translation>The token belongs to a system, not a person: no password is involved. Give it only what it needs to write.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="75" />
      <source>Create token</source>
      <translation>Create token</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="93" />
      <source>Name the system the token is for.</source>
      <translation>Name the system the token is for.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="96" />
      <source>Choose at least one thing it may write.</source>
      <translation>Choose at least one thing it may write.</translation>
    </message>
  </context>
  <context>
    <name>UserDialog</name>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="89" />
      <source>Create user</source>
      <translation>Create user</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="89" />
      <source>Save</source>
      <translation>Save</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="92" />
      <source>New user</source>
      <translation>New user</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="93" />
      <source>Role of %1</source>
      <translation>Role of %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="97" />
      <source>e.g. rep3 (lower-case letters, digits)</source>
      <translation>e.g. rep3 (lower-case letters, digits)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="121" />
      <source>User name</source>
      <translation>User name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="122" />
      <source>Full name</source>
      <translation>Full name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="123" />
      <source>Password</source>
      <translation>Password</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="127" />
      <source>Role</source>
      <translation>Role</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="128" />
      <source>Warehouse</source>
      <translation>Warehouse</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="129" />
      <source>Customer (store)</source>
      <translation>Customer (store)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="137" />
      <source>A warehouse clerk works in one warehouse; a store owner orders for one customer. The user's devices resync with what the new role may see.</source>
      <translation>A warehouse clerk works in one warehouse; a store owner orders for one customer. The user's devices resync with what the new role may see.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="174" />
      <source>Give the user a name to sign in with.</source>
      <translation>Give the user a name to sign in with.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="177" />
      <source>Give the user a first password.</source>
      <translation>Give the user a first password.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="180" />
      <source>Choose the clerk's warehouse.</source>
      <translation>Choose the clerk's warehouse.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="183" />
      <source>Choose the store's customer account.</source>
      <translation>Choose the store's customer account.</translation>
    </message>
  </context>
  <context>
    <name>UsersPage</name>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="106" />
      <source>New user…</source>
      <translation>New user…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="109" />
      <source>Change role…</source>
      <translation>Change role…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="112" />
      <source>New password…</source>
      <translation>New password…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="115" />
      <location filename="../../desktop/views/admin/users.py" line="165" />
      <source>Disable…</source>
      <translation>Disable…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="118" />
      <source>Refresh</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="127" />
      <source>Changes to user accounts (newest first)</source>
      <translation>Changes to user accounts (newest first)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="164" />
      <source>Enable</source>
      <translation>Enable</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="196" />
      <source>%1 users, %2 of them active.</source>
      <translation>%1 users, %2 of them active.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="241" />
      <source>User %1 created.</source>
      <translation>User %1 created.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="258" />
      <source>%1 is now %2.</source>
      <translation>%1 is now %2.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="275" />
      <source>%1 has a new password and is signed out everywhere.</source>
      <translation>%1 has a new password and is signed out everywhere.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="292" />
      <source>Disable %1?</source>
      <translation>Disable %1?</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="293" />
      <source>%1 can no longer sign in, and is signed out on every device now. Their orders and data stay; you can enable the account again later.</source>
      <translation>%1 can no longer sign in, and is signed out on every device now. Their orders and data stay; you can enable the account again later.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="296" />
      <source>Disable</source>
      <translation>Disable</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="301" />
      <source>%1 is enabled.</source>
      <translation>%1 is enabled.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="302" />
      <source>%1 is disabled and signed out everywhere.</source>
      <translation>%1 is disabled and signed out everywhere.</translation>
    </message>
  </context>
  <context>
    <name>Promotions</name>
    <message>
      <location filename="../../desktop/views/shared/promotions.py" line="24" />
      <source>Prices include tax (含税)</source>
      <translation>Prices include tax (含税)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/promotions.py" line="25" />
      <source>Prices exclude tax (不含税)</source>
      <translation>Prices exclude tax (不含税)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/promotions.py" line="42" />
      <source>Special price %1: %2 at %3</source>
      <translation>Special price %1: %2 at %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/promotions.py" line="46" />
      <source>Buy and get %1: free %2</source>
      <translation>Buy and get %1: free %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/promotions.py" line="48" />
      <source>Spend and save %1: %2 off</source>
      <translation>Spend and save %1: %2 off</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/promotions.py" line="51" />
      <source>Spend and get %1: free %2</source>
      <translation>Spend and get %1: free %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/promotions.py" line="52" />
      <source>%1 (saves %2)</source>
      <translation>%1 (saves %2)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/promotions.py" line="19" />
      <source>Promotions</source>
      <translation>Promotions</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/promotions.py" line="80" />
      <source>No promotion applies.</source>
      <translation>No promotion applies.</translation>
    </message>
  </context>
  <context>
    <name>CreditBanner</name>
    <message>
      <location filename="../../desktop/views/shared/credit_banner.py" line="52" />
      <source>Terms: %1 · no open receivables known (as of the last sync)</source>
      <translation>Terms: %1 · no open receivables known (as of the last sync)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/credit_banner.py" line="54" />
      <source>Terms: %1 · open %2 · overdue %3 (as of %4)</source>
      <translation>Terms: %1 · open %2 · overdue %3 (as of %4)</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/shared/credit_banner.py" line="59" />
      <source>oldest %n day(s) overdue</source>
      <translation>
        <numerusform>oldest %n day overdue</numerusform>
        <numerusform>oldest %n days overdue</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/credit_banner.py" line="61" />
      <source>new orders are refused until it is paid</source>
      <translation>new orders are refused until it is paid</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/credit_banner.py" line="63" />
      <source>new orders wait for back-office review</source>
      <translation>new orders wait for back-office review</translation>
    </message>
  </context>
  <context>
    <name>ReceiveReturnsPage</name>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="69" />
      <source>No approved return waits for the warehouse.</source>
      <translation>No approved return waits for the warehouse.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="85" />
      <source>Choose a return to take in.</source>
      <translation>Choose a return to take in.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="92" />
      <source>Scan a barcode or type a SKU, then Enter (12*code counts twelve)</source>
      <translation>Scan a barcode or type a SKU, then Enter (12*code counts twelve)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="98" />
      <source>Scans count good units (back to stock)</source>
      <translation>Scans count good units (back to stock)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="99" />
      <source>Scans count damaged units (not sellable)</source>
      <translation>Scans count damaged units (not sellable)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="117" />
      <source>Confirm receipt</source>
      <translation>Confirm receipt</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="121" />
      <source>Everything expected, in good order</source>
      <translation>Everything expected, in good order</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="175" />
      <source>Take in return %1 — %2</source>
      <translation>Take in return %1 — %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="177" />
      <source>order %1 · reason: %2</source>
      <translation>order %1 · reason: %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="206" />
      <source>“%1” is not on this return. Check the product or scan another.</source>
      <translation>“%1” is not on this return. Check the product or scan another.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="214" />
      <source>%1: %2 of %3 taken in</source>
      <translation>%1: %2 of %3 taken in</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="232" />
      <source>Nothing counted yet: scan the goods as they are unpacked.</source>
      <translation>Nothing counted yet: scan the goods as they are unpacked.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="235" />
      <source>This receipt: %1 back to stock, %2 damaged; %3 still expected.</source>
      <translation>This receipt: %1 back to stock, %2 damaged; %3 still expected.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="254" />
      <source>Receipt for return %1 recorded. It is sent with the next sync.</source>
      <translation>Receipt for return %1 recorded. It is sent with the next sync.</translation>
    </message>
  </context>
  <context>
    <name>ReturnRequestDialog</name>
    <message>
      <location filename="../../desktop/views/shared/return_request.py" line="43" />
      <source>Return goods of order %1</source>
      <translation>Return goods of order %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/return_request.py" line="69" />
      <source>e.g. two cases crushed in transport; photos sent to the rep</source>
      <translation>e.g. two cases crushed in transport; photos sent to the rep</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/return_request.py" line="74" />
      <source>Reason</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/return_request.py" line="75" />
      <source>Note</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/return_request.py" line="77" />
      <source>Ask for the return</source>
      <translation>Ask for the return</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/return_request.py" line="82" />
      <source>Type how many units of each line come back (at most what shipped and was not returned yet). The back office approves the return; then the warehouse takes the goods in and the customer is credited.</source>
      <translation>Type how many units of each line come back (at most what shipped and was not returned yet). The back office approves the return; then the warehouse takes the goods in and the customer is credited.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/return_request.py" line="109" />
      <source>Type how many units come back.</source>
      <translation>Type how many units come back.</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/shared/return_request.py" line="118" />
      <source>Return of %Ln unit(s) saved. It is sent with the next sync; the back office decides.</source>
      <translation>
        <numerusform>Return of %Ln unit saved. It is sent with the next sync; the back office decides.</numerusform>
        <numerusform>Return of %Ln units saved. It is sent with the next sync; the back office decides.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Returns</name>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="45" />
      <source>(not yet sent)</source>
      <translation>(not yet sent)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="95" />
      <source>Return</source>
      <translation>Return</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="96" />
      <source>Customer</source>
      <translation>Customer</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="98" />
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="100" />
      <source>Reason</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="101" />
      <source>Units</source>
      <translation>Units</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="151" />
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="152" />
      <source>Product</source>
      <translation>Product</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="155" />
      <source>Unit price</source>
      <translation>Unit price</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="157" />
      <source>Back to stock</source>
      <translation>Back to stock</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="159" />
      <source>Damaged</source>
      <translation>Damaged</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="61" />
      <source>Expected</source>
      <translation>Expected</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/return_lines.py" line="51" />
      <source>Barcode</source>
      <translation>Barcode</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/return_lines.py" line="53" />
      <source>Returnable</source>
      <translation>Returnable</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/return_lines.py" line="89" />
      <source>Type a whole number of units.</source>
      <translation>Type a whole number of units.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/return_lines.py" line="56" />
      <source>Return qty</source>
      <translation>Return qty</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="157" />
      <source>Received</source>
      <translation>Received</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="158" />
      <source>%1 + %2 damaged</source>
      <translation>%1 + %2 damaged</translation>
    </message>
  </context>
  <context>
    <name>ReturnsReviewPage</name>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="90" />
      <source>All returns</source>
      <translation>All returns</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="108" />
      <source>No returns. Returns the reps and stores ask for appear here for your decision.</source>
      <translation>No returns. Returns the reps and stores ask for appear here for your decision.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="132" />
      <source>Decision</source>
      <translation>Decision</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="134" />
      <source>Choose a return.</source>
      <translation>Choose a return.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="144" />
      <source>Order</source>
      <translation>Order</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="145" />
      <source>Asked</source>
      <translation>Asked</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="146" />
      <source>Reason</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="147" />
      <source>Note</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="148" />
      <source>Credited</source>
      <translation>Credited</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="164" />
      <source>Approve return</source>
      <translation>Approve return</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="167" />
      <source>Refuse…</source>
      <translation>Refuse…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="214" />
      <source>Return %1 — %2 · %3</source>
      <translation>Return %1 — %2 · %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="218" />
      <source>not yet sent</source>
      <translation>not yet sent</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="223" />
      <source>Refused: %1</source>
      <translation>Refused: %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="242" />
      <source>Return %1 approved. The warehouse can take the goods in after the next sync.</source>
      <translation>Return %1 approved. The warehouse can take the goods in after the next sync.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="258" />
      <source>Return %1 refused. The rep is told after the next sync.</source>
      <translation>Return %1 refused. The rep is told after the next sync.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="54" />
      <source>Refuse return %1</source>
      <translation>Refuse return %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="57" />
      <source>e.g. past the 30-day return period</source>
      <translation>e.g. past the 30-day return period</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="60" />
      <source>Refuse return</source>
      <translation>Refuse return</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="65" />
      <source>Why? The rep and the store are told this reason.</source>
      <translation>Why? The rep and the store are told this reason.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="75" />
      <source>Say why the return is refused.</source>
      <translation>Say why the return is refused.</translation>
    </message>
  </context>
  <context>
    <name>PreviewDialog</name>
    <message>
      <location filename="../../desktop/confirmation.py" line="126" />
      <source>Print…</source>
      <translation>Print…</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation.py" line="126" />
      <source>Save as PDF…</source>
      <translation>Save as PDF…</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation.py" line="138" />
      <source>Save as PDF</source>
      <translation>Save as PDF</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation.py" line="139" />
      <source>PDF files (*.pdf)</source>
      <translation>PDF files (*.pdf)</translation>
    </message>
  </context>
  <context>
    <name>Payments</name>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Date</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Customer</source>
      <translation>Customer</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Reference</source>
      <translation>Reference</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Amount</source>
      <translation>Amount</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Kept as credit</source>
      <translation>Kept as credit</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Recorded</source>
      <translation>Recorded</translation>
    </message>
  </context>
  <context>
    <name>PaymentsPage</name>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>e.g. 1,200.50</source>
      <translation>e.g. 1,200.50</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>bank slip or receipt number</source>
      <translation>bank slip or receipt number</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Record payment</source>
      <translation>Record payment</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Customer</source>
      <translation>Customer</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Amount received</source>
      <translation>Amount received</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Date received</source>
      <translation>Date received</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Reference</source>
      <translation>Reference</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Note</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Choose a customer to see what it owes.</source>
      <translation>Choose a customer to see what it owes.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>A payment is set off against the customer's oldest open invoices; what is left is kept as a credit. The customer's reps see the new amounts after their next sync.</source>
      <translation>A payment is set off against the customer's oldest open invoices; what is left is kept as a credit. The customer's reps see the new amounts after their next sync.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Record a payment received</source>
      <translation>Record a payment received</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>No payment recorded yet.</source>
      <translation>No payment recorded yet.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Refresh</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Latest payments</source>
      <translation>Latest payments</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Latest payments of %1</source>
      <translation>Latest payments of %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>%1 owes %2, of which %3 overdue.</source>
      <translation>%1 owes %2, of which %3 overdue.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Oldest overdue since %1.</source>
      <translation>Oldest overdue since %1.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Choose the customer who paid.</source>
      <translation>Choose the customer who paid.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Sending…</source>
      <translation>Sending…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Payment %1 of %2 recorded for %3.</source>
      <translation>Payment %1 of %2 recorded for %3.</translation>
    </message>
  </context>
  <context>
    <name>DamagedStockLabel</name>
    <message>
      <location filename="../../desktop/views/shared/return_lines.py" line="1" />
      <source>Damaged goods held at this warehouse (not sellable): %1</source>
      <translation>Damaged goods held at this warehouse (not sellable): %1</translation>
    </message>
  </context>
</TS>
