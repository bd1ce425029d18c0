<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>Admin</name>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="51" />
      <source>credit limit exceeded</source>
      <translation>超出信用额度</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="52" />
      <source>stock short</source>
      <translation>库存不足</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="135" />
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="137" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="141" />
      <source>Held because</source>
      <translation>待审原因</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="144" />
      <source>manual review</source>
      <translation>人工审核</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="149" />
      <source>Submitted</source>
      <translation>提交时间</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="152" />
      <location filename="../../desktop/views/admin/review.py" line="223" />
      <source>Total</source>
      <translation>合计</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="204" />
      <source>SKU</source>
      <translation>编码</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="208" />
      <source>Product</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="212" />
      <source>Quantity</source>
      <translation>数量</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="217" />
      <source>Available</source>
      <translation>可用库存</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="57" />
      <source>never</source>
      <translation>从未</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="60" />
      <source>just now</source>
      <translation>刚刚</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="62" />
      <source>%1 min ago</source>
      <translation>%1 分钟前</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="64" />
      <source>%1 h ago</source>
      <translation>%1 小时前</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="65" />
      <source>%1 days ago</source>
      <translation>%1 天前</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="82" />
      <source>User</source>
      <translation>用户</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="84" />
      <source>Device</source>
      <translation>设备</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="89" />
      <source>Last sync</source>
      <translation>上次同步</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="95" />
      <source>Last pull</source>
      <translation>上次拉取</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="98" />
      <source>Last push</source>
      <translation>上次推送</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="101" />
      <source>Last seen</source>
      <translation>上次在线</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="104" />
      <source>Feed position</source>
      <translation>变更序号</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="50" />
      <source>, </source>
      <translation>、</translation>
    </message>
  </context>
  <context>
    <name>AdminWorkspace</name>
    <message>
      <location filename="../../desktop/views/admin/workspace.py" line="22" />
      <source>Review</source>
      <translation>订单审核</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/workspace.py" line="23" />
      <source>Sync health</source>
      <translation>同步状态</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/workspace.py" line="24" />
      <source>Orders</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/workspace.py" line="25" />
      <source>Conflicts</source>
      <translation>冲突</translation>
    </message>
  </context>
  <context>
    <name>CatalogModel</name>
    <message>
      <location filename="../../desktop/models/products.py" line="86" />
      <location filename="../../desktop/models/products.py" line="207" />
      <source>SKU</source>
      <translation>编码</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="87" />
      <location filename="../../desktop/models/products.py" line="208" />
      <source>Product</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="209" />
      <source>Category</source>
      <translation>类别</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="210" />
      <source>Unit</source>
      <translation>单位</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="211" />
      <source>Pack / min.</source>
      <translation>包装/起订</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="89" />
      <location filename="../../desktop/models/products.py" line="212" />
      <source>Price</source>
      <translation>价格</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="76" />
      <source>%1 / %2</source>
      <translation>%1 / %2</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="82" />
      <source>%1 in stock</source>
      <translation>库存 %1</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="90" />
      <location filename="../../desktop/models/products.py" line="213" />
      <source>Available</source>
      <translation>可用库存</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="229" />
      <source>As of %1</source>
      <translation>截至 %1</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="242" />
      <source>%1 (%2 per %3)</source>
      <translation>%1（每%3 %2）</translation>
    </message>
  </context>
  <context>
    <name>CatalogPage</name>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="65" />
      <source>SKU, barcode, name or pinyin (e.g. kl for 可乐)</source>
      <translation>编码、条码、名称或拼音（如 kl 查可乐）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="70" />
      <source>Prices &amp;for</source>
      <translation>价格适用客户(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="86" />
      <source>Type to search the catalog.</source>
      <translation>输入内容以搜索商品目录。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="104" />
      <source>Product</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="106" />
      <source>Choose a product.</source>
      <translation>请选择商品。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="126" />
      <source>SKU</source>
      <translation>编码</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="127" />
      <source>Barcode</source>
      <translation>条码</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="128" />
      <source>Packing</source>
      <translation>包装</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="129" />
      <source>Ordering</source>
      <translation>订购规则</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="130" />
      <source>Tax</source>
      <translation>税额</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="131" />
      <source>Stock</source>
      <translation>库存</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="133" />
      <source>Price by quantity</source>
      <translation>按数量计价</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="135" />
      <source>Quantity</source>
      <translation>数量</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="135" />
      <source>Unit price</source>
      <translation>单价</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="135" />
      <source>Source</source>
      <translation>来源</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="146" />
      <source>Add to order</source>
      <translation>加入订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="180" />
      <source>(list prices)</source>
      <translation>（目录价）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="213" />
      <source>Searching…</source>
      <translation>正在搜索…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="219" />
      <source>Nothing matches “%1”. Try the SKU, the barcode or pinyin initials.</source>
      <translation>没有与“%1”匹配的商品。请尝试编码、条码或拼音首字母。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="222" />
      <source>%1+ products; scroll for more</source>
      <translation>%1+ 个商品，向下滚动查看更多</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/shared/catalog.py" line="225" />
      <source>%n product(s)</source>
      <translation>
        <numerusform>%n 个商品</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="241" />
      <source>%1 %2 per %3 (%4)</source>
      <translation>每%3 %1 %2（%4）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="244" />
      <source>multiples of %1, at least %2 %3</source>
      <translation>%1 的倍数，至少 %2 %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="262" />
      <source>unknown (choose a customer for their warehouse)</source>
      <translation>未知（选择客户以查看其仓库库存）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="264" />
      <source>%1 available (%2 on hand, %3 reserved)
as of %4</source>
      <translation>可用 %1（在库 %2，已预留 %3）
截至 %4</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="273" />
      <source>any</source>
      <translation>任意</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="274" />
      <location filename="../../desktop/views/shared/catalog.py" line="278" />
      <source>list price</source>
      <translation>目录价</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="278" />
      <source>customer price</source>
      <translation>客户协议价</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="284" />
      <source>from %1</source>
      <translation>%1 起</translation>
    </message>
  </context>
  <context>
    <name>Clerk</name>
    <message>
      <location filename="../../desktop/views/clerk/ship_lines.py" line="50" />
      <source>SKU</source>
      <translation>编码</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship_lines.py" line="54" />
      <source>Product</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship_lines.py" line="58" />
      <source>(unknown product)</source>
      <translation>（未知商品）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship_lines.py" line="62" />
      <source>Barcode</source>
      <translation>条码</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship_lines.py" line="66" />
      <source>Ordered</source>
      <translation>订购</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship_lines.py" line="71" />
      <source>Shipped before</source>
      <translation>已发</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship_lines.py" line="76" />
      <location filename="../../desktop/views/clerk/queue.py" line="84" />
      <source>To ship</source>
      <translation>待发</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship_lines.py" line="81" />
      <source>This shipment</source>
      <translation>本次发货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship_lines.py" line="87" />
      <source>Backordered</source>
      <translation>欠货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship_lines.py" line="121" />
      <source>Type a whole number of units.</source>
      <translation>请输入整数数量。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="55" />
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="57" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="67" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="72" />
      <source>Open lines</source>
      <translation>待发行数</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="78" />
      <source>Shipped</source>
      <translation>已发/订购</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="90" />
      <source>Placed</source>
      <translation>下单时间</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="75" />
      <source>Ship by</source>
      <translation>发货日</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="77" />
      <source>%1 (placed)</source>
      <translation>%1（下单日）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="79" />
      <source>The delivery date asked for</source>
      <translation>客户要求的送货日期</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="80" />
      <source>No delivery date asked for: the day the order was placed</source>
      <translation>未指定送货日期：按下单日期</translation>
    </message>
  </context>
  <context>
    <name>ClerkWorkspace</name>
    <message>
      <location filename="../../desktop/views/clerk/workspace.py" line="21" />
      <source>To ship</source>
      <translation>待发货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/workspace.py" line="22" />
      <source>Ship</source>
      <translation>发货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/workspace.py" line="23" />
      <source>Conflicts</source>
      <translation>冲突</translation>
    </message>
  </context>
  <context>
    <name>ConfirmationDialog</name>
    <message>
      <location filename="../../desktop/confirmation.py" line="121" />
      <source>Order confirmation %1 (%2)</source>
      <translation>订单确认单 %1（%2）</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation.py" line="126" />
      <source>Print…</source>
      <translation>打印…</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation.py" line="126" />
      <source>Save as PDF…</source>
      <translation>另存为 PDF…</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation.py" line="138" />
      <source>Save as PDF</source>
      <translation>另存为 PDF</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation.py" line="139" />
      <source>PDF files (*.pdf)</source>
      <translation>PDF 文件 (*.pdf)</translation>
    </message>
  </context>
  <context>
    <name>ConflictsPage</name>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="88" />
      <source>Nothing needs your decision. Changes the server cannot apply as sent will appear here.</source>
      <translation>暂无需要处理的事项。服务器无法按原样接受的更改会显示在这里。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="105" />
      <source>Decision</source>
      <translation>处理</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="134" />
      <location filename="../../desktop/views/shared/conflicts.py" line="251" />
      <source>Keep mine</source>
      <translation>保留我的版本</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="137" />
      <source>Take the server's</source>
      <translation>采用服务器版本</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="140" />
      <source>Edit a copy</source>
      <translation>编辑副本</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="161" />
      <source>Product</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="162" />
      <source>Quantity</source>
      <translation>数量</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="164" />
      <source>Unit price</source>
      <translation>单价</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/shared/conflicts.py" line="209" />
      <source>%n later change(s) of this order wait for this decision.</source>
      <translation>
        <numerusform>此订单另有 %n 项后续更改等待您的决定。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="215" />
      <source>Yours</source>
      <translation>我的版本</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="219" />
      <source>The server's (%1)</source>
      <translation>服务器版本（%1）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="227" />
      <source>At today's prices (what the server accepts)</source>
      <translation>按今日价格（服务器可接受）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="229" />
      <source>The server's: it never accepted this order</source>
      <translation>服务器版本：服务器从未接受此订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="241" />
      <source>%1: quoted %2, now %3</source>
      <translation>%1：报价 %2，现价 %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="249" />
      <source>Keep mine at the new prices</source>
      <translation>按新价格保留我的订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="260" />
      <source>Decided. The change is sent with the next sync.</source>
      <translation>已处理，更改将在下次同步时发送。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="173" />
      <source>The price differs between the two sides</source>
      <translation>两边的单价不同</translation>
    </message>
  </context>
  <context>
    <name>CustomerField</name>
    <message>
      <location filename="../../desktop/views/shared/customer_field.py" line="40" />
      <source>Customer code, name or pinyin</source>
      <translation>客户编码、名称或拼音</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/shared/customer_field.py" line="68" />
      <source>%n customers match: choose one with ↓ and Enter.</source>
      <translation>
        <numerusform>有 %n 个客户符合：用 ↓ 选择，回车确定。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/customer_field.py" line="70" />
      <source>No customer matches “%1”.</source>
      <translation>没有符合“%1”的客户。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/customer_field.py" line="72" />
      <source>Type the customer's code, name or pinyin.</source>
      <translation>请输入客户编码、名称或拼音。</translation>
    </message>
  </context>
  <context>
    <name>CustomersPage</name>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="46" />
      <source>Search customers by code, name or pinyin</source>
      <translation>按编码、名称或拼音搜索客户</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="74" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="94" />
      <source>Address</source>
      <translation>地址</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="95" />
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="96" />
      <source>Payment terms</source>
      <translation>付款条件</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="97" />
      <source>Credit limit</source>
      <translation>信用额度</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="98" />
      <source>Used by open orders</source>
      <translation>未结订单占用</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="102" />
      <source>New order</source>
      <translation>新建订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="105" />
      <source>Catalog at this customer's prices</source>
      <translation>按此客户价格查看目录</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="111" />
      <source>Recent orders</source>
      <translation>最近订单</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/rep/customers.py" line="139" />
      <source>%n customer(s)</source>
      <translation>
        <numerusform>%n 个客户</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="179" />
      <source>No limit</source>
      <translation>无额度限制</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="187" />
      <source> (available %1)</source>
      <translation>（可用 %1）</translation>
    </message>
  </context>
  <context>
    <name>DinghuoApp</name>
    <message>
      <location filename="../../desktop/application.py" line="147" />
      <source>Starting the demo server and loading the demo data…</source>
      <translation>正在启动演示服务器并加载演示数据…</translation>
    </message>
    <message>
      <location filename="../../desktop/application.py" line="172" />
      <source>Demo</source>
      <translation>演示</translation>
    </message>
    <message>
      <location filename="../../desktop/application.py" line="173" />
      <source>The demo server could not start: %1</source>
      <translation>演示服务器无法启动：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/application.py" line="266" />
      <source>Sign out</source>
      <translation>退出登录</translation>
    </message>
    <message>
      <location filename="../../desktop/application.py" line="274" />
      <source>Sign out anyway</source>
      <translation>仍然退出</translation>
    </message>
    <message>
      <location filename="../../desktop/application.py" line="268" />
      <source>Some of your work has not reached the server yet: %1, %2, %3.

It stays on this computer and is sent after you sign in again as the same user. Nothing is deleted.</source>
      <translation>部分工作尚未到达服务器：%1，%2，%3。

这些内容保留在本机，以同一用户重新登录后发送。不会删除任何数据。</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/application.py" line="271" />
      <source>%Ln change(s) waiting</source>
      <translation>
        <numerusform>%Ln 项更改待发送</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/application.py" line="272" />
      <source>%Ln conflict(s)</source>
      <translation>
        <numerusform>%Ln 个冲突</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/application.py" line="273" />
      <source>%Ln draft(s)</source>
      <translation>
        <numerusform>%Ln 个草稿</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>EntryBar</name>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="143" />
      <source>Quantity</source>
      <translation>数量</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="158" />
      <source>Add line</source>
      <translation>添加</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="161" />
      <source>Catalog…</source>
      <translation>商品目录…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="132" />
      <source>SKU, barcode, name or pinyin — or scan</source>
      <translation>SKU、条码、品名或拼音——或直接扫码</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="159" />
      <source>Add the line (Enter)</source>
      <translation>添加此行（回车）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="162" />
      <source>Look for the typed text in the catalog</source>
      <translation>在商品目录中查找所输入的内容</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="168" />
      <source>&amp;Product</source>
      <translation>商品(&amp;P)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="170" />
      <source>&amp;Quantity</source>
      <translation>数量(&amp;Q)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="235" />
      <source>Type or scan a SKU or barcode, or a name.</source>
      <translation>请输入或扫描 SKU、条码，或输入品名。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="237" />
      <source>Nothing matches “%1”. Try the SKU, the barcode, the name or pinyin initials.</source>
      <translation>没有符合“%1”的商品。请试试 SKU、条码、品名或拼音首字母。</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/shared/entry_bar.py" line="241" />
      <source>%n products match: choose one with ↓ and Enter.</source>
      <translation>
        <numerusform>有 %n 个商品符合：用 ↓ 选择，回车确定。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="255" />
      <source>%1 (%2 %3)</source>
      <translation>%1（%2 %3）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="258" />
      <source>1 %1 = %2 %3</source>
      <translation>1 %1 = %2 %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="261" />
      <source>sold in packs of %1</source>
      <translation>按 %1 的倍数销售</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="263" />
      <source>minimum %1 %2</source>
      <translation>起订 %1 %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="338" />
      <source>%1 %2 × %3 = %4 (incl. tax %5)</source>
      <translation>%1 %2 × %3 = %4（含税 %5）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="344" />
      <source>from %1 %2: %3 each</source>
      <translation>满 %1 %2：单价 %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="348" />
      <source>%1 %2 in stock</source>
      <translation>库存 %1 %2</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <location filename="../../desktop/errors.py" line="74" />
      <source>Please check the order</source>
      <translation>请检查订单</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="80" />
      <source>Something went wrong</source>
      <translation>出现错误</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="81" />
      <source>Something went wrong. It was written to the log file:
{path}</source>
      <translation>出现了意外错误，详情已写入日志文件：
{path}</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="89" />
      <source>Not found</source>
      <translation>未找到</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="91" />
      <source>Cannot resolve this way</source>
      <translation>无法按此方式处理</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="93" />
      <source>Sign in required</source>
      <translation>需要登录</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="95" />
      <source>Update required</source>
      <translation>需要更新</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="97" />
      <source>Cannot sync</source>
      <translation>无法同步</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="99" />
      <source>Cannot do that</source>
      <translation>无法执行</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="106" />
      <source>The user name or password is wrong. Check them and try again.</source>
      <translation>用户名或密码错误，请检查后重试。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="108" />
      <source>Your session has ended. Please sign in again; your unsent changes are kept.</source>
      <translation>登录已过期，请重新登录；未发送的更改已保留。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="112" />
      <source>This app is too old for the server. Please update it; your unsent changes are kept.</source>
      <translation>应用版本过旧，请更新；未发送的更改已保留。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="117" />
      <source>The server refused this for your account or device. Ask your administrator.</source>
      <translation>服务器拒绝了您的账户或设备的此项请求。请联系管理员。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="121" />
      <source>The server cannot be reached. Your work is saved on this computer and will be sent when the connection returns.</source>
      <translation>无法连接服务器。您的工作已保存在本机，恢复连接后会自动发送。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="127" />
      <source>The server has a problem right now. Your work is kept; it will be sent later automatically.</source>
      <translation>服务器暂时出现问题。您的工作已保留，稍后会自动发送。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="133" />
      <source>The server sent an answer this app cannot use. Your work is kept. Please report this to your administrator.</source>
      <translation>服务器返回了本应用无法处理的应答。您的工作已保留。请报告给管理员。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="139" />
      <source>It is not on this computer any more (it may have been removed by a sync).</source>
      <translation>本机上已没有此数据（可能已被同步移除）。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="143" />
      <source>This conflict cannot be resolved this way. Choose another option.</source>
      <translation>无法按此方式处理该冲突，请选择其他方式。</translation>
    </message>
  </context>
  <context>
    <name>HealthPage</name>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="119" />
      <source>Devices</source>
      <translation>设备数</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="120" />
      <source>Not synced for an hour</source>
      <translation>超过一小时未同步</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="121" />
      <source>Waiting to send (here)</source>
      <translation>待发送（本机）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="122" />
      <source>Conflicts (here)</source>
      <translation>冲突（本机）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="138" />
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="199" />
      <source>Devices as of %1 (live from the server).</source>
      <translation>设备列表更新于 %1（来自服务器）。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="203" />
      <source>Offline: the device list as last fetched, %1.</source>
      <translation>离线：显示 %1 获取的设备列表。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="207" />
      <source>The device list needs a connection to the server.</source>
      <translation>查看设备列表需要连接服务器。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="208" />
      <source>This device last synced %1.</source>
      <translation>本机上次同步：%1。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="209" />
      <source>never</source>
      <translation>从未</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <location filename="../../desktop/views/login.py" line="47" />
      <source>Sign in — Dinghuo 订货</source>
      <translation>登录 — 订货 Dinghuo</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="53" />
      <source>Welcome to Dinghuo</source>
      <translation>欢迎使用订货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="56" />
      <source>Sign in once while online. Afterwards the app opens straight away, even without a connection.</source>
      <translation>请在联网时登录一次。之后即使没有网络，也能直接打开使用。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="70" />
      <source>Server</source>
      <translation>服务器</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="71" />
      <source>User name</source>
      <translation>用户名</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="72" />
      <source>Password</source>
      <translation>密码</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="80" />
      <location filename="../../desktop/views/login.py" line="118" />
      <source>Sign in</source>
      <translation>登录</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="102" />
      <source>Enter the server's address, starting with https:// (ask your administrator).</source>
      <translation>请输入以 https:// 开头的服务器地址（可向管理员询问）。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="106" />
      <source>Enter your user name.</source>
      <translation>请输入用户名。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="109" />
      <source>Enter your password.</source>
      <translation>请输入密码。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="118" />
      <source>Signing in…</source>
      <translation>正在登录…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="128" />
      <source>The user name or password is wrong.</source>
      <translation>用户名或密码错误。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="132" />
      <source>This server cannot be reached. Check the address and your connection.</source>
      <translation>无法连接此服务器。请检查地址和网络连接。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="150" />
      <source>Unencrypted connection</source>
      <translation>未加密的连接</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="150" />
      <source>The address starts with http://, so your password would travel to %1 unencrypted, readable by anyone on the network.

Use the server&apos;s https:// address if it has one (ask your administrator). Send the password anyway only on a network you trust.</source>
      <translation>地址以 http:// 开头，您的密码将以明文发送到 %1，网络上的任何人都能读取。

如果服务器有 https:// 地址，请使用它（请询问管理员）。仅在可信网络中才继续发送密码。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="157" />
      <source>Send anyway</source>
      <translation>仍然发送</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../desktop/main_window.py" line="66" />
      <source>Dinghuo 订货 — %1</source>
      <translation>订货 Dinghuo — %1</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="109" />
      <location filename="../../desktop/demo/self_test.py" line="123" />
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="110" />
      <source>&amp;Sync now</source>
      <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="114" />
      <source>Se&amp;ttings…</source>
      <translation>设置(&amp;T)…</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="119" />
      <source>Sign &amp;out…</source>
      <translation>退出登录(&amp;O)…</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="122" />
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="126" />
      <source>&amp;Go</source>
      <translation>转到(&amp;G)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="132" />
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="133" />
      <source>&amp;Keyboard shortcuts</source>
      <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="137" />
      <source>Open the &amp;log folder</source>
      <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="141" />
      <source>&amp;About Dinghuo</source>
      <translation>关于订货(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="192" />
      <source>About Dinghuo</source>
      <translation>关于订货</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="189" />
      <source>Dinghuo 订货 — offline-first ordering.
Log file: %1</source>
      <translation>订货 Dinghuo — 离线优先的订货系统。
日志文件：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="210" />
      <location filename="../../desktop/main_window.py" line="215" />
      <source>Quit</source>
      <translation>退出</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/main_window.py" line="211" />
      <source>%n change(s) have not reached the server yet. They are kept on this computer and sent the next time Dinghuo runs with a connection.</source>
      <translation>
        <numerusform>有 %n 项更改尚未送达服务器。它们保存在这台电脑上，下次联网运行订货时会自动发送。</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Notifier</name>
    <message>
      <location filename="../../desktop/notifier.py" line="44" />
      <source>Order {number} ({customer}) needs your decision</source>
      <translation>订单 {number}（{customer}）需要您处理</translation>
    </message>
    <message>
      <location filename="../../desktop/notifier.py" line="47" />
      <source>Order {number} ({customer}) is now {status}</source>
      <translation>订单 {number}（{customer}）现在{status}</translation>
    </message>
    <message>
      <location filename="../../desktop/notifier.py" line="50" />
      <source>… and {n} more</source>
      <translation>…… 另有 {n} 项</translation>
    </message>
    <message>
      <location filename="../../desktop/notifier.py" line="51" />
      <source>Orders updated</source>
      <translation>订单状态更新</translation>
    </message>
  </context>
  <context>
    <name>OrderDetail</name>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="57" />
      <source>Choose an order.</source>
      <translation>请选择订单。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="75" />
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="76" />
      <source>Total</source>
      <translation>含税合计</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="81" />
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="82" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="88" />
      <source>Shipped</source>
      <translation>发货时间</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="89" />
      <source>waiting to be sent</source>
      <translation>待发送</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="90" />
      <source>Carrier</source>
      <translation>承运商</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="91" />
      <source>Tracking</source>
      <translation>运单号</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="92" />
      <source>Units</source>
      <translation>数量</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="98" />
      <source>Lines</source>
      <translation>明细</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="99" />
      <source>Status history</source>
      <translation>状态历史</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="100" />
      <source>Shipments</source>
      <translation>发货记录</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="102" />
      <source>Edit</source>
      <translation>编辑</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="105" />
      <source>Cancel order…</source>
      <translation>取消订单…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="107" />
      <location filename="../../desktop/views/shared/order_detail.py" line="268" />
      <source>Order again</source>
      <translation>再来一单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="110" />
      <source>Confirmation…</source>
      <translation>订单确认单…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="113" />
      <source>Confirm receipt…</source>
      <translation>确认收货…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="158" />
      <source>Order %1 — %2</source>
      <translation>订单 %1 — %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="164" />
      <source>held for review: %1</source>
      <translation>待审核：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="177" />
      <source>On receipt: %1</source>
      <translation>收货备注：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="179" />
      <source>%1 (net %2 + tax %3)</source>
      <translation>%1（不含税 %2 + 税 %3）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="221" />
      <source>Cancel order</source>
      <translation>取消订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="222" />
      <source>Cancel order %1? The reason is shown to the back office:</source>
      <translation>取消订单 %1？取消原因将告知后台：</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="260" />
      <source>%1: price now %2 (was %3)</source>
      <translation>%1：现价 %2（原价 %3）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="266" />
      <source>%1: left out (%2)</source>
      <translation>%1：未加入（%2）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="269" />
      <source>A new draft was made at today's prices. Differences:</source>
      <translation>已按今日价格生成新草稿。差异如下：</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="74" />
      <source>Order no.</source>
      <translation>订单号</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="75" />
      <source>Created</source>
      <translation>创建时间</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="76" />
      <source>Delivery</source>
      <translation>送货日期</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="85" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="172" />
      <source>%1 (the server numbers the order when it arrives)</source>
      <translation>%1（订单到达服务器后分配正式编号）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="175" />
      <source>%1 (saved first as %2)</source>
      <translation>%1（本地编号 %2）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="180" />
      <source>no date requested</source>
      <translation>未指定</translation>
    </message>
  </context>
  <context>
    <name>OrderEntryPage</name>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="78" />
      <location filename="../../desktop/views/shared/order_entry.py" line="318" />
      <source>New order</source>
      <translation>新建订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="81" />
      <source>&amp;Customer</source>
      <translation>客户(&amp;C)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="121" />
      <source>Delivery and notes</source>
      <translation>送货与备注</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="127" />
      <source>Requested delivery date</source>
      <translation>要求送货日期</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="138" />
      <source>Notes for the warehouse or the customer</source>
      <translation>给仓库或客户的备注</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="142" />
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="143" />
      <source>Totals</source>
      <translation>合计</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="152" />
      <source>Net</source>
      <translation>不含税金额</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="153" />
      <source>Tax</source>
      <translation>税额</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="154" />
      <source>Total</source>
      <translation>含税合计</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="160" />
      <source>Save draft</source>
      <translation>保存草稿</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="163" />
      <location filename="../../desktop/views/shared/order_entry.py" line="331" />
      <source>Submit order</source>
      <translation>提交订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="226" />
      <source>This order's customer is fixed. Ctrl+N starts a new order.</source>
      <translation>此订单的客户已确定。按 Ctrl+N 新建订单。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="320" />
      <source>Order %1 · %2</source>
      <translation>订单 %1 · %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="331" />
      <source>Done</source>
      <translation>完成</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="335" />
      <location filename="../../desktop/views/shared/order_entry.py" line="397" />
      <source>Choose the customer first.</source>
      <translation>请先选择客户。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="350" />
      <source>Credit limit %1, used by open orders %2</source>
      <translation>信用额度 %1，未结订单已占用 %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="384" />
      <source>Line %1 (%2): </source>
      <translation>第 %1 行（%2）：</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="442" />
      <source>There is nothing to save or submit yet: the order is made with its first line.</source>
      <translation>还没有可保存或提交的内容：添加第一行商品时才会生成订单。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="446" />
      <source>Order %1 can no longer be changed.</source>
      <translation>订单 %1 已不能再修改。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="462" />
      <source>Saved on this computer.</source>
      <translation>已保存在本机。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="484" />
      <source>Order %1 is submitted. It is sent to the server as soon as there is a connection.</source>
      <translation>订单 %1 已提交，联网后将立即发送到服务器。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="487" />
      <source>Changes to order %1 are saved and will be sent.</source>
      <translation>订单 %1 的更改已保存，将自动发送。</translation>
    </message>
  </context>
  <context>
    <name>OrdersPage</name>
    <message>
      <location filename="../../desktop/views/shared/orders.py" line="52" />
      <source>All statuses</source>
      <translation>全部状态</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/orders.py" line="56" />
      <source>Search by order number, customer or notes</source>
      <translation>按订单号、客户或备注搜索</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/orders.py" line="59" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/shared/orders.py" line="136" />
      <source>%n order(s)</source>
      <translation>
        <numerusform>%n 个订单</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/orders.py" line="137" />
      <source>the latest %1 orders; filter to see others</source>
      <translation>最近 %1 个订单；使用筛选查看其他订单</translation>
    </message>
  </context>
  <context>
    <name>Owner</name>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="84" />
      <location filename="../../desktop/views/owner/home.py" line="150" />
      <location filename="../../desktop/views/owner/reorder.py" line="111" />
      <source>SKU</source>
      <translation>编码</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="85" />
      <location filename="../../desktop/views/owner/home.py" line="151" />
      <location filename="../../desktop/views/owner/reorder.py" line="115" />
      <source>Product</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="87" />
      <source>Usual quantity</source>
      <translation>通常数量</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="92" />
      <source>Every</source>
      <translation>间隔</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="94" />
      <source>%1 days</source>
      <translation>%1 天</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="101" />
      <source>Last ordered</source>
      <translation>上次订货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="105" />
      <source>Due</source>
      <translation>下次订货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="107" />
      <source>due now</source>
      <translation>该订货了</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="114" />
      <location filename="../../desktop/views/owner/home.py" line="153" />
      <source>Unit price</source>
      <translation>单价</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="157" />
      <source>not available</source>
      <translation>不可订购</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="59" />
      <source>price up %1</source>
      <translation>涨价 %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="59" />
      <source>price down %1</source>
      <translation>降价 %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="63" />
      <source>only %1 in stock (as of the last sync)</source>
      <translation>库存仅剩 %1（截至上次同步）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="67" />
      <source>left out: %1</source>
      <translation>未加入：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="68" />
      <source>left out (%1)</source>
      <translation>未加入（%1）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="119" />
      <source>(unknown product)</source>
      <translation>（未知商品）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="123" />
      <source>Quantity</source>
      <translation>数量</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="128" />
      <source>Price then</source>
      <translation>原单价</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="133" />
      <source>Price now</source>
      <translation>现单价</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="139" />
      <source>Total now</source>
      <translation>现金额</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="144" />
      <source>What changed</source>
      <translation>变化</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="147" />
      <source>same as last time</source>
      <translation>与上次相同</translation>
    </message>
  </context>
  <context>
    <name>OwnerHomePage</name>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="125" />
      <source>Add selected to cart</source>
      <translation>将所选加入购物车</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="127" />
      <source>Add all due to cart</source>
      <translation>将到期商品全部加入购物车</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="132" />
      <source>From your order history: the quantity you usually order and how often. Nothing is added until you choose to.</source>
      <translation>根据您的订货记录：通常的订货数量和间隔。只有您选择后才会加入购物车。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="138" />
      <source>Suggested for you</source>
      <translation>为您推荐</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="167" />
      <source>Add to cart…</source>
      <translation>加入购物车…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="169" />
      <source>Remove from favourites</source>
      <translation>取消收藏</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="171" />
      <source>Favourites</source>
      <translation>收藏</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="205" />
      <source>Add all due to cart (%1)</source>
      <translation>将到期商品全部加入购物车（%1）</translation>
    </message>
  </context>
  <context>
    <name>OwnerWorkspace</name>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="68" />
      <source>Favourite</source>
      <translation>收藏</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="73" />
      <source>Add to cart</source>
      <translation>加入购物车</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="75" />
      <source>For you</source>
      <translation>为您推荐</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="76" />
      <source>Catalog</source>
      <translation>商品目录</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="77" />
      <source>Cart</source>
      <translation>购物车</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="78" />
      <source>My orders</source>
      <translation>我的订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="79" />
      <source>Order again</source>
      <translation>再来一单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="80" />
      <source>Conflicts</source>
      <translation>冲突</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/owner/workspace.py" line="151" />
      <source>%n product(s) added to the cart.</source>
      <translation>
        <numerusform>已将 %n 个商品加入购物车。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="176" />
      <source>★ Favourite</source>
      <translation>★ 已收藏</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="177" />
      <source>☆ Mark as favourite</source>
      <translation>☆ 收藏</translation>
    </message>
  </context>
  <context>
    <name>PickListDialog</name>
    <message>
      <location filename="../../desktop/picklist.py" line="131" />
      <source>Pick list %1</source>
      <translation>拣货单 %1</translation>
    </message>
    <message>
      <location filename="../../desktop/picklist.py" line="135" />
      <source>Print…</source>
      <translation>打印…</translation>
    </message>
    <message>
      <location filename="../../desktop/picklist.py" line="135" />
      <source>Save as PDF…</source>
      <translation>另存为 PDF…</translation>
    </message>
    <message>
      <location filename="../../desktop/picklist.py" line="146" />
      <source>Save as PDF</source>
      <translation>另存为 PDF</translation>
    </message>
    <message>
      <location filename="../../desktop/picklist.py" line="147" />
      <source>PDF files (*.pdf)</source>
      <translation>PDF 文件 (*.pdf)</translation>
    </message>
  </context>
  <context>
    <name>ReceiptDialog</name>
    <message>
      <location filename="../../desktop/views/shared/receipt.py" line="35" />
      <source>Confirm receipt of %1</source>
      <translation>确认收货：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/receipt.py" line="43" />
      <source>Everything arrived in good order</source>
      <translation>全部到货，完好无损</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/receipt.py" line="45" />
      <source>Something is missing or damaged:</source>
      <translation>有缺货或破损：</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/receipt.py" line="48" />
      <source>e.g. one case of 可口可乐 missing, two bottles broken</source>
      <translation>例如：可口可乐少一箱，破损两瓶</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/receipt.py" line="55" />
      <source>Confirm receipt</source>
      <translation>确认收货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/receipt.py" line="72" />
      <source>Say what is missing or damaged.</source>
      <translation>请说明缺少或破损的商品。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/receipt.py" line="77" />
      <source>Receipt confirmed. It is sent with the next sync.</source>
      <translation>已确认收货，将在下次同步时发送。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/receipt.py" line="37" />
      <source>Receipt of order %1 — %2</source>
      <translation>收货确认：订单 %1 — %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/receipt.py" line="41" />
      <source>Order total %1. Check the delivery against the lines below.</source>
      <translation>订单含税合计 %1。请对照以下明细核对到货。</translation>
    </message>
  </context>
  <context>
    <name>RejectDialog</name>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="95" />
      <source>Reject order %1</source>
      <translation>拒绝订单 %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="99" />
      <source>e.g. credit limit exceeded: please pay the open invoices first</source>
      <translation>例如：超出信用额度，请先结清未付账款</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="104" />
      <source>Reject order</source>
      <translation>拒绝订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="109" />
      <source>Why? The sales rep is notified with this reason.</source>
      <translation>拒绝原因（会通知销售代表）：</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="119" />
      <source>Say why the order is rejected.</source>
      <translation>请填写拒绝原因。</translation>
    </message>
  </context>
  <context>
    <name>ReorderPage</name>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="105" />
      <source>Choose “Order again” on a past order.</source>
      <translation>请在历史订单上选择“再来一单”。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="159" />
      <source>Submit order</source>
      <translation>提交订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="164" />
      <source>Change in cart</source>
      <translation>在购物车中修改</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="166" />
      <source>Discard</source>
      <translation>放弃</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="192" />
      <source>Order again: %1 of %2, at today's prices</source>
      <translation>再来一单：%2 的订单 %1，按今日价格</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="199" />
      <source>Then %1 · now %2 (%3).</source>
      <translation>原 %1 · 现 %2（%3）。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="203" />
      <source>no change</source>
      <translation>无变化</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/owner/reorder.py" line="207" />
      <source>%n line(s) differ from last time: check them before you submit.</source>
      <translation>
        <numerusform>有 %n 行与上次不同：请在提交前核对。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="209" />
      <source>Same products, quantities and prices as last time.</source>
      <translation>商品、数量和价格与上次相同。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="235" />
      <source>Order submitted. It is sent with the next sync.</source>
      <translation>订单已提交，将在下次同步时发送。</translation>
    </message>
  </context>
  <context>
    <name>RepWorkspace</name>
    <message>
      <location filename="../../desktop/views/rep/workspace.py" line="37" />
      <source>Customers</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/workspace.py" line="38" />
      <source>Catalog</source>
      <translation>商品目录</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/workspace.py" line="39" />
      <source>Order entry</source>
      <translation>下单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/workspace.py" line="40" />
      <source>Orders</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/workspace.py" line="41" />
      <source>Conflicts</source>
      <translation>冲突</translation>
    </message>
  </context>
  <context>
    <name>ReviewPage</name>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="164" />
      <source>No order waits for review. Orders the auto-confirm rule holds back (credit, stock) appear here.</source>
      <translation>没有待审核的订单。自动确认规则暂扣的订单（信用、库存）会显示在这里。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="181" />
      <source>Decision</source>
      <translation>审核</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="183" />
      <location filename="../../desktop/views/admin/review.py" line="283" />
      <source>Choose an order.</source>
      <translation>请选择订单。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="193" />
      <source>Held because</source>
      <translation>待审原因</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="194" />
      <source>Credit</source>
      <translation>信用</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="195" />
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="231" />
      <source>Confirm order</source>
      <translation>确认订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="234" />
      <source>Reject…</source>
      <translation>拒绝…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="290" />
      <source>Order %1 — %2 · %3</source>
      <translation>订单 %1 — %2 · %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="297" />
      <source>manual review (auto-confirm is off)</source>
      <translation>人工审核（自动确认已关闭）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="301" />
      <source>limit %1 · open orders %2 (with this one) · %3 over</source>
      <translation>额度 %1 · 未完成订单 %2（含本单）· 超出 %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="307" />
      <source>no credit limit</source>
      <translation>无信用额度限制</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="328" />
      <source>Order %1 confirmed. The rep is notified after the next sync.</source>
      <translation>订单 %1 已确认。下次同步后会通知销售代表。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="349" />
      <source>Order %1 rejected. The rep is notified after the next sync.</source>
      <translation>订单 %1 已拒绝。下次同步后会通知销售代表。</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="../../desktop/views/settings_dialog.py" line="30" />
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <location filename="../../desktop/views/settings_dialog.py" line="35" />
      <source>Server</source>
      <translation>服务器</translation>
    </message>
    <message>
      <location filename="../../desktop/views/settings_dialog.py" line="36" />
      <source>A new server address is used the next time you sign in.</source>
      <translation>新的服务器地址将在下次登录时生效。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/settings_dialog.py" line="43" />
      <source> s</source>
      <translation> 秒</translation>
    </message>
    <message>
      <location filename="../../desktop/views/settings_dialog.py" line="45" />
      <source>Sync every</source>
      <translation>同步间隔</translation>
    </message>
    <message>
      <location filename="../../desktop/views/settings_dialog.py" line="50" />
      <source>Language</source>
      <translation>语言</translation>
    </message>
  </context>
  <context>
    <name>ShipPage</name>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="62" />
      <source>Choose an order in the queue.</source>
      <translation>请在待发货列表中选择订单。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="76" />
      <source>Each scan counts one unit</source>
      <translation>每次扫描计 1 个单位</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="77" />
      <source>Each scan counts one case</source>
      <translation>每次扫描计 1 箱</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="119" />
      <location filename="../../desktop/views/clerk/ship.py" line="132" />
      <source>Carrier</source>
      <translation>承运商</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="69" />
      <source>Scan a barcode or type a SKU, then Enter (12*code counts twelve). Enter on an empty field: the tracking number</source>
      <translation>扫描条码或输入 SKU 后回车（12*编码 计 12 件）。空白时回车：转到运单号</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="128" />
      <source>Scan or type the waybill number, then Enter to confirm</source>
      <translation>扫描或输入运单号，回车确认发货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="133" />
      <source>Tracking number</source>
      <translation>运单号</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="134" />
      <source>Count everything left</source>
      <translation>全部待发计入</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="136" />
      <source>Start over</source>
      <translation>重新计数</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="138" />
      <source>Confirm shipment</source>
      <translation>确认发货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="198" />
      <source>Ship order %1 — %2</source>
      <translation>发货：订单 %1 — %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="200" />
      <source>not given</source>
      <translation>未指定</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="201" />
      <source>%1 · requested delivery %2</source>
      <translation>%1 · 要求送货 %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="204" />
      <source>notes: %1</source>
      <translation>备注：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="206" />
      <source>the server did not accept a change: see Conflicts</source>
      <translation>服务器未接受某项更改：请查看“冲突”</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="221" />
      <source>This order is %1 now: nothing can be shipped.</source>
      <translation>此订单现为“%1”：无法发货。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="242" />
      <source>“%1” is not on this order. Check the product or scan another.</source>
      <translation>“%1”不在此订单中。请核对商品或扫描其他商品。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="252" />
      <source>%1: %2 of %3 counted</source>
      <translation>%1：已计 %2 / %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="275" />
      <source>Nothing counted yet: scan the goods as they are packed.</source>
      <translation>尚未计数：装箱时逐件扫描。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="296" />
      <source>Enter the tracking number from the waybill.</source>
      <translation>请输入运单上的运单号。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="308" />
      <source>Shipment of %1 recorded. It is sent with the next sync.</source>
      <translation>订单 %1 的发货已记录，将在下次同步时发送。</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/clerk/ship.py" line="285" />
      <source>This shipment: %Ln unit(s).</source>
      <translation>
        <numerusform>本次发货：%Ln 个单位。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/clerk/ship.py" line="286" />
      <source>%Ln unit(s) stay backordered and remain in the queue.</source>
      <translation>
        <numerusform>%Ln 个单位转为欠货，仍留在待发货列表中。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/clerk/ship.py" line="288" />
      <source>This shipment: %Ln unit(s), everything left on the order.</source>
      <translation>
        <numerusform>本次发货：%Ln 个单位，即订单剩余的全部商品。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/clerk/ship.py" line="312" />
      <source>Shipment of %1 recorded; %Ln unit(s) backordered. It is sent with the next sync.</source>
      <translation>
        <numerusform>订单 %1 的发货已记录；%Ln 个单位转为欠货。将在下次同步时发送。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="285" />
      <source>%1 %2</source>
      <translation>%1%2</translation>
    </message>
  </context>
  <context>
    <name>ShipQueuePage</name>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="121" />
      <source>Order number or customer</source>
      <translation>订单号或客户</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="124" />
      <source>Ship…</source>
      <translation>发货…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="127" />
      <source>Pick list…</source>
      <translation>拣货单…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="155" />
      <source>Enter (or a double click) ships the order. Select several orders (Shift+↓ or Ctrl+click) for one pick list (Ctrl+P).</source>
      <translation>回车（或双击）开始发货。选择多张订单（Shift+↓ 或 Ctrl+单击）可合并打印拣货单（Ctrl+P）。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="256" />
      <source>%1 orders</source>
      <translation>%1 张订单</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/clerk/queue.py" line="209" />
      <source>%Ln order(s) to ship</source>
      <translation>
        <numerusform>%Ln 个订单待发货</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/clerk/queue.py" line="210" />
      <source>%Ln unit(s)</source>
      <translation>
        <numerusform>共 %Ln 个单位</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/clerk/queue.py" line="211" />
      <source>%Ln partially shipped</source>
      <translation>
        <numerusform>%Ln 个部分发货</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="209" />
      <source>%1, %2; %3</source>
      <translation>%1，%2；%3</translation>
    </message>
  </context>
  <context>
    <name>Shortcuts</name>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="23" />
      <source>Everywhere</source>
      <translation>通用</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="24" />
      <source>Go to a page (the Go menu); the cursor lands in the page's main field</source>
      <translation>转到页面（“转到”菜单）；光标落在该页的主输入框</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="27" />
      <source>Next / previous field (Tab leaves lists too)</source>
      <translation>下一个 / 上一个输入框（Tab 也能离开列表）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="29" />
      <source>In a list: the row's main action (start an order, add to the order, open, ship)</source>
      <translation>在列表中：执行该行的主要操作（新建订单、加入订单、打开、发货）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="32" />
      <source>In a field that finds as you type: choose a match, pick it, close the list</source>
      <translation>在边输边查的输入框中：选择匹配项、确定、关闭列表</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="35" />
      <source>Search on this page</source>
      <translation>在本页搜索</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="36" />
      <source>Sync now</source>
      <translation>立即同步</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="37" />
      <source>This list</source>
      <translation>本列表</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="39" />
      <source>Order entry and cart</source>
      <translation>下单与购物车</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="40" />
      <source>The customer: type a code, a name or pinyin, then Enter</source>
      <translation>客户：输入编码、名称或拼音后回车</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="42" />
      <source>A new order for the same customer</source>
      <translation>为同一客户新建订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="43" />
      <source>Product field</source>
      <translation>商品输入框</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="43" />
      <source>A SKU, a barcode (scan it), a name or pinyin (full or initials), then Enter</source>
      <translation>输入 SKU、条码（可扫码）、品名或拼音（全拼或首字母）后回车</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="46" />
      <source>In the quantity or the unit: add the line</source>
      <translation>在数量或单位处：添加此行</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="47" />
      <source>From the quantity to the unit, and switch to cases</source>
      <translation>从数量转到单位，并切换为整箱</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="49" />
      <source>Enter / Delete on a line</source>
      <translation>在某行上按回车 / Delete</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="50" />
      <source>Change its quantity / remove it</source>
      <translation>修改数量 / 删除该行</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="51" />
      <source>Save the draft</source>
      <translation>保存草稿</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="52" />
      <source>Submit the order</source>
      <translation>提交订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="54" />
      <source>Orders</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="55" />
      <source>Open a draft in order entry, or another order's detail</source>
      <translation>草稿在下单页打开，其他订单显示详情</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="57" />
      <source>Edit / order again / confirmation</source>
      <translation>编辑 / 再来一单 / 订单确认单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="59" />
      <source>Order again: Ctrl+Enter</source>
      <translation>再来一单：Ctrl+Enter</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="60" />
      <source>Submit the new order</source>
      <translation>提交新订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="62" />
      <source>Warehouse</source>
      <translation>仓库</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="63" />
      <source>In the queue: ship the order; in its search, ship the one order found</source>
      <translation>在待发货列表中：发货；在其搜索框中：为唯一找到的订单发货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="66" />
      <source>Select several orders, show their pick list</source>
      <translation>选择多张订单，显示拣货单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="68" />
      <source>Scan</source>
      <translation>扫码</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="68" />
      <source>Each scan counts one (12*code counts twelve)</source>
      <translation>每扫一次计 1 件（12*编码 计 12 件）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="70" />
      <source>Enter on the empty scan field</source>
      <translation>在空白扫码框中回车</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="71" />
      <source>Go to the tracking number</source>
      <translation>转到运单号</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="72" />
      <source>Enter in the tracking number, Ctrl+Enter</source>
      <translation>在运单号中回车，或 Ctrl+Enter</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="73" />
      <source>Confirm the shipment</source>
      <translation>确认发货</translation>
    </message>
  </context>
  <context>
    <name>ShortcutsDialog</name>
    <message>
      <location filename="../../desktop/views/shortcuts.py" line="101" />
      <source>Keyboard shortcuts</source>
      <translation>键盘快捷键</translation>
    </message>
  </context>
  <context>
    <name>Status</name>
    <message>
      <location filename="../../desktop/labels.py" line="13" />
      <source>draft</source>
      <translation>草稿</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="14" />
      <source>submitted</source>
      <translation>已提交</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="15" />
      <source>confirmed</source>
      <translation>已确认</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="16" />
      <source>partially shipped</source>
      <translation>部分发货</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="17" />
      <source>shipped</source>
      <translation>已发货</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="18" />
      <source>closed</source>
      <translation>已关闭</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="19" />
      <source>cancelled</source>
      <translation>已取消</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="20" />
      <source>rejected</source>
      <translation>已拒绝</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="28" />
      <source>not sent (draft)</source>
      <translation>未发送（草稿）</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="29" />
      <source>waiting to be sent</source>
      <translation>待发送</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="30" />
      <source>needs your decision</source>
      <translation>需要您处理</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="31" />
      <source>synced</source>
      <translation>已同步</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="55" />
      <source>confirmed automatically (nothing to review)</source>
      <translation>自动确认（无需审核）</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="56" />
      <source>changed by the rep</source>
      <translation>业务员已修改</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="61" />
      <source>tracking number %1</source>
      <translation>运单号 %1</translation>
    </message>
  </context>
  <context>
    <name>SyncStatusBar</name>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="38" />
      <source>Sign in…</source>
      <translation>登录…</translation>
    </message>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="41" />
      <location filename="../../desktop/widgets/status_bar.py" line="60" />
      <source>Sync now</source>
      <translation>立即同步</translation>
    </message>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="43" />
      <source>Send your changes and fetch new ones now (F5)</source>
      <translation>立即发送您的更改并获取最新数据（F5）</translation>
    </message>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="60" />
      <source>Syncing…</source>
      <translation>正在同步…</translation>
    </message>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="64" />
      <source>● Connecting…</source>
      <translation>● 正在连接…</translation>
    </message>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="67" />
      <source>● Online</source>
      <translation>● 在线</translation>
    </message>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="70" />
      <source>● Offline</source>
      <translation>● 离线</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/widgets/status_bar.py" line="75" />
      <source>%n change(s) waiting to be sent</source>
      <translation>
        <numerusform>%n 项更改待发送</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="76" />
      <source>All changes sent</source>
      <translation>所有更改已发送</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/widgets/status_bar.py" line="79" />
      <source>⚠ %n conflict(s) need a decision</source>
      <translation>
        <numerusform>⚠ %n 个冲突待处理</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="81" />
      <source>Last sync: %1</source>
      <translation>上次同步：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="82" />
      <source>Not synced yet</source>
      <translation>尚未同步</translation>
    </message>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="92" />
      <source>This app is too old for the server: please update it. Your changes are kept.</source>
      <translation>应用版本过旧，请更新。您的更改已保留。</translation>
    </message>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="95" />
      <source>Please sign in again to sync. Your changes are kept.</source>
      <translation>请重新登录以同步。您的更改已保留。</translation>
    </message>
    <message>
      <location filename="../../desktop/widgets/status_bar.py" line="98" />
      <source>Cannot reach the server; will retry. Your work is saved here.</source>
      <translation>无法连接服务器，将自动重试。您的数据已保存在本机。</translation>
    </message>
  </context>
  <context>
    <name>Tables</name>
    <message>
      <location filename="../../desktop/models/tables.py" line="63" />
      <location filename="../../desktop/models/tables.py" line="106" />
      <source>Code</source>
      <translation>编码</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="64" />
      <location filename="../../desktop/models/tables.py" line="108" />
      <location filename="../../desktop/models/tables.py" line="140" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="65" />
      <source>Also</source>
      <translation>另称</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="112" />
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="113" />
      <source>Payment terms</source>
      <translation>付款条件</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="115" />
      <source>Credit limit</source>
      <translation>信用额度</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="119" />
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="131" />
      <location filename="../../desktop/models/tables.py" line="264" />
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="133" />
      <source>Local number: %1</source>
      <translation>本地编号：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="144" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="145" />
      <source>Created</source>
      <translation>创建时间</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="146" />
      <source>Delivery</source>
      <translation>送货日期</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="148" />
      <location filename="../../desktop/models/tables.py" line="226" />
      <source>Total</source>
      <translation>含税合计</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="196" />
      <source>SKU</source>
      <translation>编码</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="198" />
      <source>Product</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="202" />
      <source>(unknown product)</source>
      <translation>（未知商品）</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="206" />
      <source>Quantity</source>
      <translation>数量</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="211" />
      <source>Unit price</source>
      <translation>单价</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="216" />
      <source>Net</source>
      <translation>不含税金额</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="221" />
      <source>Tax</source>
      <translation>税额</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="247" />
      <source>Submit</source>
      <translation>提交</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="248" />
      <source>Change</source>
      <translation>修改</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="249" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="250" />
      <source>Shipment</source>
      <translation>发货</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="251" />
      <source>Confirm</source>
      <translation>确认</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="252" />
      <source>Reject</source>
      <translation>拒绝</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="253" />
      <source>Receipt</source>
      <translation>收货</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="267" />
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="269" />
      <source>Outcome</source>
      <translation>结果</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="278" />
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="282" />
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="264" />
      <source>Conflict</source>
      <translation>冲突</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="266" />
      <source>Rejected</source>
      <translation>已拒绝</translation>
    </message>
  </context>
  <context>
    <name>Workspaces</name>
    <message>
      <location filename="../../desktop/workspaces.py" line="50" />
      <source>The workspace for your role ({role}) is not in this version yet. Your data is synced and safe.</source>
      <translation>此版本尚未提供您的角色（{role}）的工作区。您的数据已同步且安全。</translation>
    </message>
  </context>
</TS>
