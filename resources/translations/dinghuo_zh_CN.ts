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
      <location filename="../../desktop/views/admin/review.py" line="228" />
      <source>Total</source>
      <translation>合计</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="209" />
      <source>SKU</source>
      <translation>编码</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="213" />
      <source>Product</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="217" />
      <source>Quantity</source>
      <translation>数量</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="222" />
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
  </context>
  <context>
    <name>AdminWorkspace</name>
    <message>
      <location filename="../../desktop/views/admin/workspace.py" line="29" />
      <source>Review</source>
      <translation>订单审核</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/workspace.py" line="30" />
      <source>Sync health</source>
      <translation>同步状态</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/workspace.py" line="31" />
      <source>Orders</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/workspace.py" line="32" />
      <source>Conflicts</source>
      <translation>冲突</translation>
    </message>
  </context>
  <context>
    <name>CatalogModel</name>
    <message>
      <location filename="../../desktop/models/products.py" line="183" />
      <source>SKU</source>
      <translation>编码</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="184" />
      <source>Product</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="185" />
      <source>Category</source>
      <translation>类别</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="186" />
      <source>Unit</source>
      <translation>单位</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="187" />
      <source>Pack / min.</source>
      <translation>包装/起订</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="188" />
      <source>Price</source>
      <translation>价格</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="189" />
      <source>Available</source>
      <translation>可用库存</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="205" />
      <source>As of %1</source>
      <translation>截至 %1</translation>
    </message>
    <message>
      <location filename="../../desktop/models/products.py" line="218" />
      <source>%1 (%2 per %3)</source>
      <translation>%1（每%3 %2）</translation>
    </message>
  </context>
  <context>
    <name>CatalogPage</name>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="55" />
      <source>SKU, barcode, name or pinyin (e.g. kl for 可乐)</source>
      <translation>编码、条码、名称或拼音（如 kl 查可乐）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="60" />
      <source>Prices for</source>
      <translation>价格适用客户</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="74" />
      <source>Type to search the catalog.</source>
      <translation>输入内容以搜索商品目录。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="95" />
      <source>Product</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="98" />
      <source>Choose a product.</source>
      <translation>请选择商品。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="118" />
      <source>SKU</source>
      <translation>编码</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="119" />
      <source>Barcode</source>
      <translation>条码</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="120" />
      <source>Packing</source>
      <translation>包装</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="121" />
      <source>Ordering</source>
      <translation>订购规则</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="122" />
      <source>Tax</source>
      <translation>税额</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="123" />
      <source>Stock</source>
      <translation>库存</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="125" />
      <source>Price by quantity</source>
      <translation>按数量计价</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="127" />
      <source>Quantity</source>
      <translation>数量</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="127" />
      <source>Unit price</source>
      <translation>单价</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="127" />
      <source>Source</source>
      <translation>来源</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="137" />
      <source>Add to order</source>
      <translation>加入订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="155" />
      <source>(list prices)</source>
      <translation>（目录价）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="188" />
      <source>Searching…</source>
      <translation>正在搜索…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="192" />
      <source>Nothing matches “%1”. Try the SKU, the barcode or pinyin initials.</source>
      <translation>没有与“%1”匹配的商品。请尝试编码、条码或拼音首字母。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="195" />
      <source>%1+ products; scroll for more</source>
      <translation>%1+ 个商品，向下滚动查看更多</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/shared/catalog.py" line="198" />
      <source>%n product(s)</source>
      <translation>
        <numerusform>%n 个商品</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="214" />
      <source>%1 %2 per %3 (%4)</source>
      <translation>每%3 %1 %2（%4）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="217" />
      <source>multiples of %1, at least %2 %3</source>
      <translation>%1 的倍数，至少 %2 %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="235" />
      <source>unknown (choose a customer for their warehouse)</source>
      <translation>未知（选择客户以查看其仓库库存）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="237" />
      <source>%1 available (%2 on hand, %3 reserved)
as of %4</source>
      <translation>可用 %1（在库 %2，已预留 %3）
截至 %4</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="246" />
      <source>any</source>
      <translation>任意</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="247" />
      <location filename="../../desktop/views/shared/catalog.py" line="251" />
      <source>list price</source>
      <translation>目录价</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="251" />
      <source>customer price</source>
      <translation>客户协议价</translation>
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
      <location filename="../../desktop/views/clerk/queue.py" line="78" />
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
      <location filename="../../desktop/views/clerk/queue.py" line="49" />
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="51" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="56" />
      <source>Requested</source>
      <translation>要求送货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="57" />
      <source>not given</source>
      <translation>未指定</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="61" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="66" />
      <source>Open lines</source>
      <translation>待发行数</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="72" />
      <source>Shipped</source>
      <translation>已发/订购</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="84" />
      <source>Placed</source>
      <translation>下单时间</translation>
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
      <location filename="../../desktop/confirmation.py" line="142" />
      <source>Order confirmation %1 (%2)</source>
      <translation>订单确认单 %1（%2）</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation.py" line="149" />
      <source>Print…</source>
      <translation>打印…</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation.py" line="151" />
      <source>Save as PDF…</source>
      <translation>另存为 PDF…</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation.py" line="175" />
      <source>Save as PDF</source>
      <translation>另存为 PDF</translation>
    </message>
    <message>
      <location filename="../../desktop/confirmation.py" line="175" />
      <source>PDF files (*.pdf)</source>
      <translation>PDF 文件 (*.pdf)</translation>
    </message>
  </context>
  <context>
    <name>ConflictsPage</name>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="86" />
      <source>Nothing needs your decision. Changes the server cannot apply as sent will appear here.</source>
      <translation>暂无需要处理的事项。服务器无法按原样接受的更改会显示在这里。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="108" />
      <source>Decision</source>
      <translation>处理</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="136" />
      <location filename="../../desktop/views/shared/conflicts.py" line="253" />
      <source>Keep mine</source>
      <translation>保留我的版本</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="139" />
      <source>Take the server's</source>
      <translation>采用服务器版本</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="142" />
      <source>Edit a copy</source>
      <translation>编辑副本</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="163" />
      <source>Product</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="164" />
      <source>Quantity</source>
      <translation>数量</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="166" />
      <source>Unit price</source>
      <translation>单价</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/shared/conflicts.py" line="211" />
      <source>%n later change(s) of this order wait for this decision.</source>
      <translation>
        <numerusform>此订单另有 %n 项后续更改等待您的决定。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="217" />
      <source>Yours</source>
      <translation>我的版本</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="221" />
      <source>The server's (%1)</source>
      <translation>服务器版本（%1）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="229" />
      <source>At today's prices (what the server accepts)</source>
      <translation>按今日价格（服务器可接受）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="231" />
      <source>The server's: it never accepted this order</source>
      <translation>服务器版本：服务器从未接受此订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="243" />
      <source>%1: quoted %2, now %3</source>
      <translation>%1：报价 %2，现价 %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="251" />
      <source>Keep mine at the new prices</source>
      <translation>按新价格保留我的订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="262" />
      <source>Decided. The change is sent with the next sync.</source>
      <translation>已处理，更改将在下次同步时发送。</translation>
    </message>
  </context>
  <context>
    <name>CustomersPage</name>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="42" />
      <source>Search customers by code or name</source>
      <translation>按编码或名称搜索客户</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="69" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="89" />
      <source>Address</source>
      <translation>地址</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="90" />
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="91" />
      <source>Payment terms</source>
      <translation>付款条件</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="92" />
      <source>Credit limit</source>
      <translation>信用额度</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="93" />
      <source>Used by open orders</source>
      <translation>未结订单占用</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="97" />
      <source>New order</source>
      <translation>新建订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="100" />
      <source>Catalog at this customer's prices</source>
      <translation>按此客户价格查看目录</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="107" />
      <source>Recent orders</source>
      <translation>最近订单</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/rep/customers.py" line="129" />
      <source>%n customer(s)</source>
      <translation>
        <numerusform>%n 个客户</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="169" />
      <source>No limit</source>
      <translation>无额度限制</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="177" />
      <source> (available %1)</source>
      <translation>（可用 %1）</translation>
    </message>
  </context>
  <context>
    <name>DinghuoApp</name>
    <message>
      <location filename="../../desktop/application.py" line="146" />
      <source>Starting the demo server and loading the demo data…</source>
      <translation>正在启动演示服务器并加载演示数据…</translation>
    </message>
    <message>
      <location filename="../../desktop/application.py" line="168" />
      <source>Demo</source>
      <translation>演示</translation>
    </message>
    <message>
      <location filename="../../desktop/application.py" line="169" />
      <source>The demo server could not start: %1</source>
      <translation>演示服务器无法启动：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/application.py" line="252" />
      <source>Sign out</source>
      <translation>退出登录</translation>
    </message>
    <message>
      <location filename="../../desktop/application.py" line="253" />
      <source>Some of your work has not reached the server yet: %1 change(s) waiting, %2 conflict(s), %3 draft(s).

It stays on this computer and is sent after you sign in again as the same user. Nothing is deleted.</source>
      <translation>部分工作尚未到达服务器：%1 项更改待发送，%2 个冲突，%3 个草稿。

这些数据会保留在本机，待同一用户重新登录后发送。不会删除任何数据。</translation>
    </message>
    <message>
      <location filename="../../desktop/application.py" line="260" />
      <source>Sign out anyway</source>
      <translation>仍然退出</translation>
    </message>
  </context>
  <context>
    <name>EntryBar</name>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="66" />
      <source>Scan or type a SKU or barcode, then Enter</source>
      <translation>扫描或输入编码/条码，然后按回车</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="73" />
      <location filename="../../desktop/views/shared/entry_bar.py" line="102" />
      <source>Quantity</source>
      <translation>数量</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="88" />
      <source>Add line</source>
      <translation>添加</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="90" />
      <source>Catalog…</source>
      <translation>商品目录…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="91" />
      <source>Find a product in the catalog (Ctrl+2)</source>
      <translation>在商品目录中查找（Ctrl+2）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="101" />
      <source>Product</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="143" />
      <source>Type or scan a SKU or barcode.</source>
      <translation>请输入或扫描编码/条码。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="156" />
      <source>No product has this SKU or barcode.</source>
      <translation>没有此编码或条码的商品。</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/shared/entry_bar.py" line="157" />
      <source>%n products match; type the full SKU or choose in the catalog.</source>
      <translation>
        <numerusform>有 %n 个商品匹配，请输入完整编码或在商品目录中选择。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="173" />
      <source>%1 (%2 %3)</source>
      <translation>%1（%2 %3）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="177" />
      <source>1 %1 = %2 %3</source>
      <translation>1 %1 = %2 %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="180" />
      <source>sold in packs of %1</source>
      <translation>按 %1 的倍数销售</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="182" />
      <source>minimum %1 %2</source>
      <translation>起订 %1 %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/entry_bar.py" line="247" />
      <source>%1 %2 × %3 = %4 (incl. tax %5)</source>
      <translation>%1 %2 × %3 = %4（含税 %5）</translation>
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
      <location filename="../../desktop/views/admin/health.py" line="135" />
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="190" />
      <source>Devices as of %1 (live from the server).</source>
      <translation>设备列表更新于 %1（来自服务器）。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="194" />
      <source>Offline: the device list as last fetched, %1.</source>
      <translation>离线：显示 %1 获取的设备列表。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="198" />
      <source>The device list needs a connection to the server.</source>
      <translation>查看设备列表需要连接服务器。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="199" />
      <source>This device last synced %1.</source>
      <translation>本机上次同步：%1。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="200" />
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
      <location filename="../../desktop/main_window.py" line="41" />
      <source>Dinghuo 订货 — %1</source>
      <translation>订货 Dinghuo — %1</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="69" />
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="70" />
      <source>&amp;Sync now</source>
      <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="74" />
      <source>Se&amp;ttings…</source>
      <translation>设置(&amp;T)…</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="79" />
      <source>Sign &amp;out…</source>
      <translation>退出登录(&amp;O)…</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="82" />
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="86" />
      <source>&amp;Go</source>
      <translation>转到(&amp;G)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="93" />
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="94" />
      <source>Open the &amp;log folder</source>
      <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="98" />
      <source>&amp;About Dinghuo</source>
      <translation>关于订货(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="123" />
      <source>About Dinghuo</source>
      <translation>关于订货</translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="124" />
      <source>Dinghuo 订货 — offline-first ordering.
Log file: %1</source>
      <translation>订货 Dinghuo — 离线优先的订货系统。
日志文件：%1</translation>
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
      <location filename="../../desktop/views/shared/order_detail.py" line="50" />
      <source>Choose an order.</source>
      <translation>请选择订单。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="63" />
      <source>Numbers</source>
      <translation>编号</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="64" />
      <source>Dates</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="65" />
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="66" />
      <source>Total</source>
      <translation>含税合计</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="71" />
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="72" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="73" />
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="78" />
      <source>Shipped</source>
      <translation>发货时间</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="79" />
      <source>waiting to be sent</source>
      <translation>待发送</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="80" />
      <source>Carrier</source>
      <translation>承运商</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="81" />
      <source>Tracking</source>
      <translation>运单号</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="82" />
      <source>Units</source>
      <translation>数量</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="88" />
      <source>Lines</source>
      <translation>明细</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="89" />
      <source>Status history</source>
      <translation>状态历史</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="90" />
      <source>Shipments</source>
      <translation>发货记录</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="92" />
      <source>Edit</source>
      <translation>编辑</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="94" />
      <source>Cancel order…</source>
      <translation>取消订单…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="96" />
      <location filename="../../desktop/views/shared/order_detail.py" line="245" />
      <source>Order again</source>
      <translation>再来一单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="98" />
      <source>Confirmation…</source>
      <translation>订单确认单…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="100" />
      <source>Confirm receipt…</source>
      <translation>确认收货…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="140" />
      <source>Order %1 — %2</source>
      <translation>订单 %1 — %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="146" />
      <source>held for review: %1</source>
      <translation>待审核：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="151" />
      <source>server %1 · local %2</source>
      <translation>服务器 %1 · 本地 %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="150" />
      <source>(not yet assigned)</source>
      <translation>（尚未分配）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="154" />
      <source>none requested</source>
      <translation>未指定</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="155" />
      <source>created %1 · delivery %2</source>
      <translation>创建于 %1 · 送货 %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="159" />
      <source>On receipt: %1</source>
      <translation>收货备注：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="161" />
      <source>%1 (net %2 + tax %3)</source>
      <translation>%1（不含税 %2 + 税 %3）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="197" />
      <source>Cancel order</source>
      <translation>取消订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="198" />
      <source>Cancel order %1? The reason is shown to the back office:</source>
      <translation>取消订单 %1？取消原因将告知后台：</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="237" />
      <source>%1: price now %2 (was %3)</source>
      <translation>%1：现价 %2（原价 %3）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="243" />
      <source>%1: left out (%2)</source>
      <translation>%1：未加入（%2）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="246" />
      <source>A new draft was made at today's prices. Differences:</source>
      <translation>已按今日价格生成新草稿。差异如下：</translation>
    </message>
  </context>
  <context>
    <name>OrderEntryPage</name>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="79" />
      <location filename="../../desktop/views/shared/order_entry.py" line="255" />
      <source>New order</source>
      <translation>新建订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="82" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="114" />
      <source>Delivery and notes</source>
      <translation>送货与备注</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="120" />
      <source>Requested delivery date</source>
      <translation>要求送货日期</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="131" />
      <source>Notes for the warehouse or the customer</source>
      <translation>给仓库或客户的备注</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="134" />
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="135" />
      <source>Totals</source>
      <translation>合计</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="144" />
      <source>Net</source>
      <translation>不含税金额</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="145" />
      <source>Tax</source>
      <translation>税额</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="146" />
      <source>Total</source>
      <translation>含税合计</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="152" />
      <source>Save draft</source>
      <translation>保存草稿</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="155" />
      <location filename="../../desktop/views/shared/order_entry.py" line="268" />
      <source>Submit order</source>
      <translation>提交订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="177" />
      <source>Choose a customer…</source>
      <translation>选择客户…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="257" />
      <source>Order %1 · %2</source>
      <translation>订单 %1 · %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="268" />
      <source>Done</source>
      <translation>完成</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="272" />
      <location filename="../../desktop/views/shared/order_entry.py" line="331" />
      <source>Choose the customer first.</source>
      <translation>请先选择客户。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="284" />
      <source>Credit limit %1, used by open orders %2</source>
      <translation>信用额度 %1，未结订单已占用 %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="318" />
      <source>Line %1 (%2): </source>
      <translation>第 %1 行（%2）：</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="382" />
      <source>Saved on this computer.</source>
      <translation>已保存在本机。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="403" />
      <source>Order %1 is submitted. It is sent to the server as soon as there is a connection.</source>
      <translation>订单 %1 已提交，联网后将立即发送到服务器。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="406" />
      <source>Changes to order %1 are saved and will be sent.</source>
      <translation>订单 %1 的更改已保存，将自动发送。</translation>
    </message>
  </context>
  <context>
    <name>OrdersPage</name>
    <message>
      <location filename="../../desktop/views/shared/orders.py" line="38" />
      <source>All statuses</source>
      <translation>全部状态</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/orders.py" line="42" />
      <source>Search by order number, customer or notes</source>
      <translation>按订单号、客户或备注搜索</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/orders.py" line="45" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/shared/orders.py" line="84" />
      <source>%n order(s)</source>
      <translation>
        <numerusform>%n 个订单</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/orders.py" line="85" />
      <source>the latest %1 orders; filter to see others</source>
      <translation>最近 %1 个订单；使用筛选查看其他订单</translation>
    </message>
  </context>
  <context>
    <name>Owner</name>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="84" />
      <location filename="../../desktop/views/owner/home.py" line="149" />
      <location filename="../../desktop/views/owner/reorder.py" line="110" />
      <source>SKU</source>
      <translation>编码</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="85" />
      <location filename="../../desktop/views/owner/home.py" line="150" />
      <location filename="../../desktop/views/owner/reorder.py" line="114" />
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
      <location filename="../../desktop/views/owner/home.py" line="152" />
      <source>Unit price</source>
      <translation>单价</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="156" />
      <source>not available</source>
      <translation>不可订购</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="58" />
      <source>price up %1</source>
      <translation>涨价 %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="58" />
      <source>price down %1</source>
      <translation>降价 %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="62" />
      <source>only %1 in stock (as of the last sync)</source>
      <translation>库存仅剩 %1（截至上次同步）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="66" />
      <source>left out: %1</source>
      <translation>未加入：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="67" />
      <source>left out (%1)</source>
      <translation>未加入（%1）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="118" />
      <source>(unknown product)</source>
      <translation>（未知商品）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="122" />
      <source>Quantity</source>
      <translation>数量</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="127" />
      <source>Price then</source>
      <translation>原单价</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="132" />
      <source>Price now</source>
      <translation>现单价</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="138" />
      <source>Total now</source>
      <translation>现金额</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="143" />
      <source>What changed</source>
      <translation>变化</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="146" />
      <source>same as last time</source>
      <translation>与上次相同</translation>
    </message>
  </context>
  <context>
    <name>OwnerHomePage</name>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="124" />
      <source>Add selected to cart</source>
      <translation>将所选加入购物车</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="126" />
      <source>Add all due to cart</source>
      <translation>将到期商品全部加入购物车</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="131" />
      <source>From your order history: the quantity you usually order and how often. Nothing is added until you choose to.</source>
      <translation>根据您的订货记录：通常的订货数量和间隔。只有您选择后才会加入购物车。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="137" />
      <source>Suggested for you</source>
      <translation>为您推荐</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="166" />
      <source>Add to cart…</source>
      <translation>加入购物车…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="168" />
      <source>Remove from favourites</source>
      <translation>取消收藏</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="170" />
      <source>Favourites</source>
      <translation>收藏</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="204" />
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
      <location filename="../../desktop/views/owner/workspace.py" line="75" />
      <source>Add to cart</source>
      <translation>加入购物车</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="77" />
      <source>For you</source>
      <translation>为您推荐</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="78" />
      <source>Catalog</source>
      <translation>商品目录</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="79" />
      <source>Cart</source>
      <translation>购物车</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="80" />
      <source>My orders</source>
      <translation>我的订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="81" />
      <source>Order again</source>
      <translation>再来一单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="82" />
      <source>Conflicts</source>
      <translation>冲突</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/owner/workspace.py" line="143" />
      <source>%n product(s) added to the cart.</source>
      <translation>
        <numerusform>已将 %n 个商品加入购物车。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="168" />
      <source>★ Favourite</source>
      <translation>★ 已收藏</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="169" />
      <source>☆ Mark as favourite</source>
      <translation>☆ 收藏</translation>
    </message>
  </context>
  <context>
    <name>PickListDialog</name>
    <message>
      <location filename="../../desktop/picklist.py" line="142" />
      <source>Pick list %1</source>
      <translation>拣货单 %1</translation>
    </message>
    <message>
      <location filename="../../desktop/picklist.py" line="148" />
      <source>Print…</source>
      <translation>打印…</translation>
    </message>
    <message>
      <location filename="../../desktop/picklist.py" line="150" />
      <source>Save as PDF…</source>
      <translation>另存为 PDF…</translation>
    </message>
    <message>
      <location filename="../../desktop/picklist.py" line="172" />
      <source>Save as PDF</source>
      <translation>另存为 PDF</translation>
    </message>
    <message>
      <location filename="../../desktop/picklist.py" line="173" />
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
      <location filename="../../desktop/views/shared/receipt.py" line="36" />
      <source>Check the delivery against the lines below.</source>
      <translation>请对照以下明细核对到货。</translation>
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
      <location filename="../../desktop/views/owner/reorder.py" line="104" />
      <source>Choose “Order again” on a past order.</source>
      <translation>请在历史订单上选择“再来一单”。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="158" />
      <source>Submit order</source>
      <translation>提交订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="161" />
      <source>Change in cart</source>
      <translation>在购物车中修改</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="163" />
      <source>Discard</source>
      <translation>放弃</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="189" />
      <source>Order again: %1 of %2, at today's prices</source>
      <translation>再来一单：%2 的订单 %1，按今日价格</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="196" />
      <source>Then %1 · now %2 (%3).</source>
      <translation>原 %1 · 现 %2（%3）。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="200" />
      <source>no change</source>
      <translation>无变化</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/owner/reorder.py" line="204" />
      <source>%n line(s) differ from last time: check them before you submit.</source>
      <translation>
        <numerusform>有 %n 行与上次不同：请在提交前核对。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="206" />
      <source>Same products, quantities and prices as last time.</source>
      <translation>商品、数量和价格与上次相同。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="232" />
      <source>Order submitted. It is sent with the next sync.</source>
      <translation>订单已提交，将在下次同步时发送。</translation>
    </message>
  </context>
  <context>
    <name>RepWorkspace</name>
    <message>
      <location filename="../../desktop/views/rep/workspace.py" line="59" />
      <source>Customers</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/workspace.py" line="60" />
      <source>Catalog</source>
      <translation>商品目录</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/workspace.py" line="61" />
      <source>Order entry</source>
      <translation>下单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/workspace.py" line="62" />
      <source>Orders</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/workspace.py" line="63" />
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
      <location filename="../../desktop/views/admin/review.py" line="186" />
      <source>Decision</source>
      <translation>审核</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="188" />
      <location filename="../../desktop/views/admin/review.py" line="288" />
      <source>Choose an order.</source>
      <translation>请选择订单。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="198" />
      <source>Held because</source>
      <translation>待审原因</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="199" />
      <source>Credit</source>
      <translation>信用</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="200" />
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="236" />
      <source>Confirm order</source>
      <translation>确认订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="239" />
      <source>Reject…</source>
      <translation>拒绝…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="295" />
      <source>Order %1 — %2 · %3</source>
      <translation>订单 %1 — %2 · %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="302" />
      <source>manual review (auto-confirm is off)</source>
      <translation>人工审核（自动确认已关闭）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="306" />
      <source>limit %1 · open orders %2 (with this one) · %3 over</source>
      <translation>额度 %1 · 未完成订单 %2（含本单）· 超出 %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="312" />
      <source>no credit limit</source>
      <translation>无信用额度限制</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="333" />
      <source>Order %1 confirmed. The rep is notified after the next sync.</source>
      <translation>订单 %1 已确认。下次同步后会通知销售代表。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="354" />
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
      <location filename="../../desktop/views/clerk/ship.py" line="68" />
      <source>Choose an order in the queue.</source>
      <translation>请在待发货列表中选择订单。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="75" />
      <source>Scan a barcode or type a SKU, then Enter (12*code counts twelve)</source>
      <translation>扫描条码或输入编码后回车（12*编码 计 12 个）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="81" />
      <source>Each scan counts one unit</source>
      <translation>每次扫描计 1 个单位</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="82" />
      <source>Each scan counts one case</source>
      <translation>每次扫描计 1 箱</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="112" />
      <location filename="../../desktop/views/clerk/ship.py" line="123" />
      <source>Carrier</source>
      <translation>承运商</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="121" />
      <source>Scan or type the waybill number</source>
      <translation>扫描或输入运单号</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="124" />
      <source>Tracking number</source>
      <translation>运单号</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="125" />
      <source>Count everything left</source>
      <translation>全部待发计入</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="127" />
      <source>Start over</source>
      <translation>重新计数</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="129" />
      <source>Confirm shipment</source>
      <translation>确认发货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="188" />
      <source>Ship order %1 — %2</source>
      <translation>发货：订单 %1 — %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="190" />
      <source>not given</source>
      <translation>未指定</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="191" />
      <source>%1 · requested delivery %2</source>
      <translation>%1 · 要求送货 %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="194" />
      <source>notes: %1</source>
      <translation>备注：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="196" />
      <source>the server did not accept a change: see Conflicts</source>
      <translation>服务器未接受某项更改：请查看“冲突”</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="211" />
      <source>This order is %1 now: nothing can be shipped.</source>
      <translation>此订单现为“%1”：无法发货。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="228" />
      <source>“%1” is not on this order. Check the product or scan another.</source>
      <translation>“%1”不在此订单中。请核对商品或扫描其他商品。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="238" />
      <source>%1: %2 of %3 counted</source>
      <translation>%1：已计 %2 / %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="261" />
      <source>Nothing counted yet: scan the goods as they are packed.</source>
      <translation>尚未计数：装箱时逐件扫描。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="263" />
      <source>This shipment: %1 unit(s). %2 unit(s) stay backordered and remain in the queue.</source>
      <translation>本次发货：%1 个。%2 个转为欠货，仍留在待发货列表中。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="267" />
      <source>This shipment: %1 unit(s) — everything left on the order.</source>
      <translation>本次发货：%1 个 — 订单剩余全部发出。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="282" />
      <source>Enter the tracking number from the waybill.</source>
      <translation>请输入运单上的运单号。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="291" />
      <source>Shipment of %1 recorded; %2 unit(s) backordered. It is sent with the next sync.</source>
      <translation>订单 %1 的发货已记录；%2 个欠货。将在下次同步时发送。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="294" />
      <source>Shipment of %1 recorded. It is sent with the next sync.</source>
      <translation>订单 %1 的发货已记录，将在下次同步时发送。</translation>
    </message>
  </context>
  <context>
    <name>ShipQueuePage</name>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="115" />
      <source>Order number or customer</source>
      <translation>订单号或客户</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="117" />
      <source>Ship…</source>
      <translation>发货…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="120" />
      <source>Pick list…</source>
      <translation>拣货单…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="144" />
      <source>Select several orders (Ctrl or Shift) for one pick list. Double-click an order to ship it.</source>
      <translation>按住 Ctrl 或 Shift 选择多张订单可合并打印拣货单。双击订单开始发货。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="172" />
      <source>%1 order(s) to ship, %2 unit(s); %3 partially shipped</source>
      <translation>待发货 %1 单，共 %2 个；其中 %3 单部分发货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="232" />
      <source>%1 orders</source>
      <translation>%1 张订单</translation>
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
      <location filename="../../desktop/models/tables.py" line="87" />
      <source>Code</source>
      <translation>编码</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="89" />
      <location filename="../../desktop/models/tables.py" line="121" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="93" />
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="94" />
      <source>Payment terms</source>
      <translation>付款条件</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="96" />
      <source>Credit limit</source>
      <translation>信用额度</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="100" />
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="112" />
      <location filename="../../desktop/models/tables.py" line="222" />
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="114" />
      <source>Local number: %1</source>
      <translation>本地编号：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="125" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="126" />
      <source>Created</source>
      <translation>创建时间</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="127" />
      <source>Delivery</source>
      <translation>送货日期</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="129" />
      <location filename="../../desktop/models/tables.py" line="184" />
      <source>Total</source>
      <translation>含税合计</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="154" />
      <source>SKU</source>
      <translation>编码</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="156" />
      <source>Product</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="160" />
      <source>(unknown product)</source>
      <translation>（未知商品）</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="164" />
      <source>Quantity</source>
      <translation>数量</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="169" />
      <source>Unit price</source>
      <translation>单价</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="174" />
      <source>Net</source>
      <translation>不含税金额</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="179" />
      <source>Tax</source>
      <translation>税额</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="205" />
      <source>Submit</source>
      <translation>提交</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="206" />
      <source>Change</source>
      <translation>修改</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="207" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="208" />
      <source>Shipment</source>
      <translation>发货</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="209" />
      <source>Confirm</source>
      <translation>确认</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="210" />
      <source>Reject</source>
      <translation>拒绝</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="211" />
      <source>Receipt</source>
      <translation>收货</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="225" />
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="227" />
      <source>Outcome</source>
      <translation>结果</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="229" />
      <source>conflict</source>
      <translation>冲突</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="231" />
      <source>rejected</source>
      <translation>已拒绝</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="236" />
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="240" />
      <source>When</source>
      <translation>时间</translation>
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
