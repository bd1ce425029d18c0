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
      <location filename="../../desktop/views/admin/integrations.py" line="166" />
      <source>System</source>
      <translation>系统</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="168" />
      <source>May write</source>
      <translation>可写入</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="170" />
      <source>Created</source>
      <translation>创建时间</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="172" />
      <source>Last used</source>
      <translation>最近使用</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="177" />
      <source>revoked %1</source>
      <translation>已于 %1 撤销</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="179" />
      <location filename="../../desktop/views/admin/labels.py" line="91" />
      <location filename="../../desktop/views/admin/users.py" line="83" />
      <source>active</source>
      <translation>有效</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="45" />
      <source>%1 min</source>
      <translation>%1 分钟</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="47" />
      <source>%1 h</source>
      <translation>%1 小时</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="48" />
      <source>%1 days</source>
      <translation>%1 天</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="69" />
      <source>local database check failed</source>
      <translation>本地数据库检查失败</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="70" />
      <source>changes unsent for over an hour</source>
      <translation>更改超过一小时未发送</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="71" />
      <source>conflicts wait for a decision</source>
      <translation>有冲突待处理</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="72" />
      <source>last sync failed</source>
      <translation>上次同步失败</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="73" />
      <source>no backup for over two days</source>
      <translation>超过两天没有备份</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="74" />
      <source>local data not encrypted</source>
      <translation>本地数据未加密</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="82" />
      <location filename="../../desktop/views/admin/labels.py" line="94" />
      <source>revoked</source>
      <translation>已撤销</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="84" />
      <location filename="../../desktop/views/admin/labels.py" line="132" />
      <source>OK</source>
      <translation>正常</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="93" />
      <source>revoked, local data wiped</source>
      <translation>已撤销，本地数据已清除</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="107" />
      <source>%1 · oldest %2</source>
      <translation>%1 · 最早 %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="118" />
      <source>server unavailable</source>
      <translation>服务器暂不可用</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="119" />
      <source>server failed</source>
      <translation>服务器出错</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="120" />
      <source>error in the app</source>
      <translation>应用内部错误</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="121" />
      <source>refused by the server</source>
      <translation>被服务器拒绝</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="122" />
      <source>app update required</source>
      <translation>需要更新应用</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="123" />
      <source>server went back in time</source>
      <translation>服务器数据已回退</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="124" />
      <source>signed out</source>
      <translation>已注销登录</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="125" />
      <source>device revoked</source>
      <translation>设备已撤销</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="133" />
      <source>failed</source>
      <translation>失败</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="134" />
      <source>repaired</source>
      <translation>已修复</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="141" />
      <source>sales rep</source>
      <translation>业务员</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="142" />
      <source>warehouse clerk</source>
      <translation>仓库管理员</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="143" />
      <source>store owner</source>
      <translation>门店店主</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="144" />
      <source>back office</source>
      <translation>后台管理</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="151" />
      <source>catalog</source>
      <translation>商品目录</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="152" />
      <source>prices</source>
      <translation>价格</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="153" />
      <source>stock</source>
      <translation>库存</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="154" />
      <source>customers</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="164" />
      <source>created as %1</source>
      <translation>创建为%1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="167" />
      <source>enabled</source>
      <translation>已启用</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="169" />
      <source>disabled (signed out everywhere)</source>
      <translation>已停用（所有设备已注销）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="171" />
      <source>password reset (signed out everywhere)</source>
      <translation>已重设密码（所有设备已注销）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/labels.py" line="175" />
      <source>changed from %1 to %2</source>
      <translation>由 %1 改为 %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="50" />
      <location filename="../../desktop/views/admin/integrations.py" line="176" />
      <location filename="../../desktop/views/admin/users.py" line="82" />
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="53" />
      <location filename="../../desktop/views/admin/health.py" line="118" />
      <source>Needs attention</source>
      <translation>需要关注</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="86" />
      <source>revoked %1; it can no longer sync.</source>
      <translation>已于 %1 撤销，不能再同步。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="90" />
      <source>has not reported its health yet.</source>
      <translation>尚未上报健康状况。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="93" />
      <source>nothing needs attention</source>
      <translation>一切正常</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="94" />
      <source>reported %1</source>
      <translation>%1上报</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="138" />
      <source>Unsent</source>
      <translation>未发送</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="144" />
      <source>Conflicts</source>
      <translation>冲突</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="149" />
      <source>Last error</source>
      <translation>最近错误</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="74" />
      <source>User name</source>
      <translation>用户名</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="76" />
      <source>Full name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="78" />
      <source>Role</source>
      <translation>角色</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="80" />
      <source>Works for</source>
      <translation>所属</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="84" />
      <source>disabled</source>
      <translation>已停用</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="94" />
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="95" />
      <source>By</source>
      <translation>操作人</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="97" />
      <source>What</source>
      <translation>内容</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/labels.py" line="84" />
      <source>DB check failed</source>
      <translation>数据库检查失败</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/labels.py" line="85" />
      <source>unsent &gt; 1 h</source>
      <translation>未发送超过 1 小时</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/labels.py" line="86" />
      <source>conflicts</source>
      <translation>有冲突</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/labels.py" line="87" />
      <source>sync failing</source>
      <translation>同步失败</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/labels.py" line="88" />
      <source>backup old</source>
      <translation>备份过旧</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/labels.py" line="89" />
      <source>not encrypted</source>
      <translation>未加密</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/labels.py" line="101" />
      <source>%1 (+%2 more)</source>
      <translation>%1（另有 %2 项）</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/labels.py" line="142" />
      <location filename="../work/wt/backoffice/desktop/views/admin/labels.py" line="143" />
      <source>no connection</source>
      <translation>无法连接</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/health.py" line="73" />
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/health.py" line="73" />
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/health.py" line="154" />
      <source>DB check</source>
      <translation>数据库检查</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/health.py" line="160" />
      <source>Backup</source>
      <translation>备份</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/health.py" line="166" />
      <source>Encrypted</source>
      <translation>加密</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/health.py" line="167" />
      <source>Version</source>
      <translation>版本</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/health.py" line="168" />
      <source>app / protocol</source>
      <translation>应用 / 协议</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/health.py" line="136" />
      <source>last seen %1, last sync %2</source>
      <translation>上次在线 %1，上次同步 %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="216" />
      <source>%1 (free: %2)</source>
      <translation>%1（赠品：%2）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="53" />
      <source>overdue receivables</source>
      <translation>逾期应收款</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="50" />
      <source>, </source>
      <translation>、</translation>
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
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="62" />
      <source>Requested</source>
      <translation>要求送货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="63" />
      <source>not given</source>
      <translation>未指定</translation>
    </message>
  </context>
  <context>
    <name>ConfirmationDialog</name>
    <message>
      <location filename="../../desktop/confirmation.py" line="121" />
      <source>Order confirmation %1 (%2)</source>
      <translation>订单确认单 %1（%2）</translation>
    </message>
  </context>
  <context>
    <name>ConflictsPage</name>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="1" />
      <source>Reduce mine to what is still returnable</source>
      <translation>将我的退货减少到仍可退的数量</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="1" />
      <source>Still returnable (what the server accepts)</source>
      <translation>仍可退（服务器可接受的数量）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="1" />
      <source>Discard mine</source>
      <translation>放弃我的</translation>
    </message>
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
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="237" />
      <source>With today's promotions (what the server accepts): %1</source>
      <translation>按当前促销（服务器可接受的）：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="260" />
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="263" />
      <source>Quoted promotions:</source>
      <translation>报价时的促销：</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="264" />
      <source>Promotions now:</source>
      <translation>当前的促销：</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="271" />
      <source>Keep mine with today's promotions</source>
      <translation>按当前促销保留我的版本</translation>
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
    <message>
      <location filename="../../desktop/application.py" line="267" />
      <source>Some of your work has not reached the server yet: %1 change(s) waiting, %2 conflict(s), %3 draft(s).

It stays on this computer and is sent after you sign in again as the same user. Nothing is deleted.</source>
      <translation>部分工作尚未到达服务器：%1 项更改待发送，%2 个冲突，%3 个草稿。

这些数据会保留在本机，待同一用户重新登录后发送。不会删除任何数据。</translation>
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
    <message>
      <location filename="../../desktop/errors.py" line="1" />
      <source>Too many sign-in attempts. Try again in %1 s.</source>
      <translation>登录尝试次数过多，请在 %1 秒后再试。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="1" />
      <source>This account is locked after too many wrong passwords. Ask your administrator to unlock it.</source>
      <translation>密码错误次数过多，该账号已锁定。请联系管理员解锁。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="97" />
      <source>The server refused this</source>
      <translation>服务器拒绝了此操作</translation>
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
    <message>
      <location filename="../../desktop/views/admin/health.py" line="182" />
      <source>Need attention</source>
      <translation>需要关注</translation>
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

Use the server's https:// address if it has one (ask your administrator). Send the password anyway only on a network you trust.</source>
      <translation>地址以 http:// 开头，您的密码将以明文发送到 %1，网络上的任何人都能读取。

如果服务器有 https:// 地址，请使用它（请询问管理员）。仅在可信网络中才继续发送密码。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="157" />
      <source>Send anyway</source>
      <translation>仍然发送</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="1" />
      <source>Too many sign-in attempts. Try again in %1 s.</source>
      <translation>登录尝试次数过多，请在 %1 秒后再试。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/login.py" line="1" />
      <source>This account is locked after too many wrong passwords. Ask your administrator to unlock it.</source>
      <translation>密码错误次数过多，该账号已锁定。请联系管理员解锁。</translation>
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
      <location filename="../../desktop/main_window.py" line="183" />
      <source>The server was restored</source>
      <translation>服务器已恢复</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/main_window.py" line="185" />
      <source>The server was restored from a backup (or switched to its standby) and had lost recent work. %n change(s) you had sent were sent to it again. Prices or stock may have changed meanwhile: look in Conflicts for anything that needs your decision.</source>
      <translation>
        <numerusform>服务器已从备份恢复（或已切换到备用服务器），丢失了最近的数据。您此前发送过的 %n 项更改已重新发送。其间价格或库存可能已变化：请在“冲突”中查看需要您决定的事项。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/main_window.py" line="194" />
      <source>Open Conflicts</source>
      <translation>打开冲突</translation>
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
    <name>Navigation</name>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="34" />
      <source>Devices</source>
      <translation>设备</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/health.py" line="102" />
      <source>Sync health</source>
      <translation>同步状态</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="154" />
      <source>Integrations</source>
      <translation>系统集成</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="48" />
      <source>Payments</source>
      <translation>收款</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="38" />
      <source>Returns</source>
      <translation>退货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="75" />
      <source>Review</source>
      <translation>订单审核</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="62" />
      <source>Users</source>
      <translation>用户</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="126" />
      <source>To ship</source>
      <translation>待发货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="44" />
      <source>Returns in</source>
      <translation>退货收货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="55" />
      <source>Ship</source>
      <translation>发货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/home.py" line="72" />
      <source>For you</source>
      <translation>为您推荐</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/reorder.py" line="90" />
      <source>Order again</source>
      <translation>再来一单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="34" />
      <source>Cart</source>
      <translation>购物车</translation>
    </message>
    <message>
      <location filename="../../desktop/views/owner/workspace.py" line="35" />
      <source>My orders</source>
      <translation>我的订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/rep/customers.py" line="52" />
      <source>Customers</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/catalog.py" line="58" />
      <source>Catalog</source>
      <translation>商品目录</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/conflicts.py" line="72" />
      <source>Conflicts</source>
      <translation>冲突</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_entry.py" line="65" />
      <source>Order entry</source>
      <translation>下单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/orders.py" line="46" />
      <source>Orders</source>
      <translation>订单</translation>
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
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="73" />
      <source>Numbers</source>
      <translation>编号</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="74" />
      <source>Dates</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="83" />
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="169" />
      <source>server %1 · local %2</source>
      <translation>服务器 %1 · 本地 %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="168" />
      <source>(not yet assigned)</source>
      <translation>（尚未分配）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="172" />
      <source>none requested</source>
      <translation>未指定</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="173" />
      <source>created %1 · delivery %2</source>
      <translation>创建于 %1 · 送货 %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="105" />
      <source>Return</source>
      <translation>退货单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="110" />
      <source>Credited</source>
      <translation>已退款额</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="120" />
      <source>Returns</source>
      <translation>退货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="136" />
      <source>Return goods…</source>
      <translation>退货…</translation>
    </message>
      <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="1" />
      <source>Statement…</source>
      <translation>对账单…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/order_detail.py" line="1" />
      <source>The customer's monthly statement (对账单)</source>
      <translation>客户的月度对账单</translation>
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
    <message>
      <location filename="../../desktop/views/shared/receipt.py" line="36" />
      <source>Check the delivery against the lines below.</source>
      <translation>请对照以下明细核对到货。</translation>
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
    <message>
      <location filename="../../desktop/views/admin/review.py" line="201" />
      <source>Promotions</source>
      <translation>促销</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/review.py" line="323" />
      <source>none</source>
      <translation>无</translation>
    </message>
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
      <message>
      <location filename="../../desktop/views/settings_dialog.py" line="1" />
      <source>Delivery note paper</source>
      <translation>送货单纸张</translation>
    </message>
    <message>
      <location filename="../../desktop/views/settings_dialog.py" line="1" />
      <source>Delivery note copies</source>
      <translation>送货单打印份数</translation>
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
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="277" />
      <source>This shipment: %1 unit(s). %2 unit(s) stay backordered and remain in the queue.</source>
      <translation>本次发货：%1 个。%2 个转为欠货，仍留在待发货列表中。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="281" />
      <source>This shipment: %1 unit(s) — everything left on the order.</source>
      <translation>本次发货：%1 个 — 订单剩余全部发出。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/ship.py" line="305" />
      <source>Shipment of %1 recorded; %2 unit(s) backordered. It is sent with the next sync.</source>
      <translation>订单 %1 的发货已记录；%2 个欠货。将在下次同步时发送。</translation>
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
    <message>
      <location filename="../../desktop/views/clerk/queue.py" line="189" />
      <source>%1 order(s) to ship, %2 unit(s); %3 partially shipped</source>
      <translation>待发货 %1 单，共 %2 个；其中 %3 单部分发货</translation>
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
    <message>
      <location filename="../work/wt/backoffice/desktop/views/shortcuts.py" line="75" />
      <source>Back office</source>
      <translation>后台管理</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/shortcuts.py" line="76" />
      <source>Devices / users / integration tokens</source>
      <translation>设备 / 用户 / 集成令牌</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/shortcuts.py" line="78" />
      <source>In devices or tokens: revoke the chosen one (asks first)</source>
      <translation>在设备或令牌列表中：撤销所选项（会先确认）</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/shortcuts.py" line="80" />
      <source>In users: change the user's role</source>
      <translation>在用户列表中：更改该用户的角色</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/shortcuts.py" line="81" />
      <source>In users or tokens: a new one</source>
      <translation>在用户或令牌页：新建</translation>
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
    <message>
      <location filename="../../desktop/labels.py" line="39" />
      <source>waiting for approval</source>
      <translation>待审批</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="40" />
      <source>approved, to receive</source>
      <translation>已批准，待收货</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="41" />
      <source>refused</source>
      <translation>已拒绝</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="42" />
      <source>partly received</source>
      <translation>部分收货</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="43" />
      <source>received</source>
      <translation>已收货</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="51" />
      <source>damaged</source>
      <translation>破损</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="52" />
      <source>expired</source>
      <translation>过期</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="53" />
      <source>wrong goods</source>
      <translation>错发</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="54" />
      <source>unsold</source>
      <translation>滞销</translation>
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
    <message>
      <location filename="../../desktop/models/tables.py" line="271" />
      <source>conflict</source>
      <translation>冲突</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="273" />
      <source>rejected</source>
      <translation>已拒绝</translation>
    </message>
    <message>
      <location filename="../../desktop/models/tables.py" line="193" />
      <source>%1 (free: %2)</source>
      <translation>%1（赠品：%2）</translation>
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
  <context>
    <name>DevicesPage</name>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="62" />
      <source>No device has signed in yet.</source>
      <translation>还没有设备登录。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="67" />
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="69" />
      <source>Revoke…</source>
      <translation>撤销…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="71" />
      <source>End this device's sign-in; it can no longer sync</source>
      <translation>结束此设备的登录，它将不能再同步</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="73" />
      <source>Revoke and wipe…</source>
      <translation>撤销并清除…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="75" />
      <source>Also delete the device's local data at its next contact</source>
      <translation>并在设备下次连接时删除其本地数据</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="78" />
      <source>Sign out the user everywhere…</source>
      <translation>注销该用户的所有设备…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="123" />
      <source>%1 devices, as of %2.</source>
      <translation>%1 台设备，截至 %2。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="144" />
      <source>Revoke and wipe %1?</source>
      <translation>撤销并清除 %1？</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="146" />
      <source>%1 is signed out now and can no longer sync. At its next contact with the server it deletes its local database, its backups and its stored sign-in.

Changes made on it that were not sent yet are lost. This cannot be undone.</source>
      <translation>%1 将立即被注销，不能再同步。下次连接服务器时，它会删除本地数据库、备份和保存的登录信息。

在它上面尚未发送的更改将丢失。此操作无法撤回。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="150" />
      <source>Revoke and wipe</source>
      <translation>撤销并清除</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="152" />
      <source>Revoke %1?</source>
      <translation>撤销 %1？</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="154" />
      <source>%1 is signed out now and can no longer sync; at its next contact it tells its user why. Its local data stays on it (unsent changes are kept but not sent). This cannot be undone: the device must be set up again.</source>
      <translation>%1 将立即被注销，不能再同步；下次连接时会告诉用户原因。本地数据保留在设备上（未发送的更改会保留但不再发送）。此操作无法撤回：该设备需要重新设置。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="158" />
      <source>Revoke</source>
      <translation>撤销</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="168" />
      <source>%1 revoked; its data is wiped at its next contact.</source>
      <translation>%1 已撤销；下次连接时将清除其数据。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="169" />
      <source>%1 revoked.</source>
      <translation>%1 已撤销。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="180" />
      <source>Sign out %1 everywhere?</source>
      <translation>注销 %1 的所有设备？</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="181" />
      <source>Every sign-in of %1 ends now, on every device. They can sign in again with their password; nothing on their devices is deleted.</source>
      <translation>%1 在所有设备上的登录将立即结束。其可以用密码重新登录；设备上的数据不会被删除。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="184" />
      <source>Sign out everywhere</source>
      <translation>全部注销</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/devices.py" line="190" />
      <source>%1 is signed out on every device.</source>
      <translation>%1 已在所有设备上注销。</translation>
    </message>
    <message>
      <location filename="../work/wt/backoffice/desktop/views/admin/devices.py" line="106" />
      <source>Sign out %1 everywhere…</source>
      <translation>注销 %1 的所有设备…</translation>
    </message>
  </context>
  <context>
    <name>IntegrationsPage</name>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="187" />
      <source>No integration token yet. Make one for each system that sends catalog, prices, stock or customers to Dinghuo.</source>
      <translation>还没有集成令牌。请为每个向订货系统发送商品、价格、库存或客户的系统创建一个。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="191" />
      <source>New token…</source>
      <translation>新建令牌…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="194" />
      <source>Revoke…</source>
      <translation>撤销…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="197" />
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="204" />
      <source>Systems write through the integration API with these tokens (see “Integrating with your ERP or WMS” in the documentation).</source>
      <translation>外部系统使用这些令牌通过集成接口写入数据（参见文档“Integrating with your ERP or WMS”）。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="275" />
      <source>Revoke the token of %1?</source>
      <translation>撤销 %1 的令牌？</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="276" />
      <source>%1's next request with this token is refused, at once. The system needs a new token to write again. This cannot be undone.</source>
      <translation>%1 使用此令牌的下一个请求将立即被拒绝。该系统需要新令牌才能再次写入。此操作无法撤回。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="279" />
      <source>Revoke</source>
      <translation>撤销</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="285" />
      <source>The token of %1 is revoked.</source>
      <translation>%1 的令牌已撤销。</translation>
    </message>
  </context>
  <context>
    <name>PasswordDialog</name>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="192" />
      <source>Set password</source>
      <translation>设置密码</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="195" />
      <source>New password for %1</source>
      <translation>为 %1 设置新密码</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="205" />
      <source>New password</source>
      <translation>新密码</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="206" />
      <source>Again</source>
      <translation>再输入一次</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="207" />
      <source>%1 is signed out on every device and signs in with the new password.</source>
      <translation>%1 将在所有设备上被注销，需用新密码登录。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="220" />
      <source>Type the new password.</source>
      <translation>请输入新密码。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="223" />
      <source>The two passwords differ.</source>
      <translation>两次输入的密码不一致。</translation>
    </message>
  </context>
  <context>
    <name>SecretDialog</name>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="117" />
      <source>Token for %1</source>
      <translation>%1 的令牌</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="119" />
      <source>Copy this token now and put it in %1's settings. It is shown only this once: the server keeps only a fingerprint of it. If it is lost, revoke it and make a new one.</source>
      <translation>请立即复制此令牌并填入 %1 的设置中。它只显示这一次：服务器只保存其指纹。如果丢失，请撤销并新建一个。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="128" />
      <source>Copy</source>
      <translation>复制</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="134" />
      <source>May write: %1</source>
      <translation>可写入：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="147" />
      <source>Copied</source>
      <translation>已复制</translation>
    </message>
  </context>
  <context>
    <name>TokenDialog</name>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="49" />
      <source>New integration token</source>
      <translation>新建集成令牌</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="53" />
      <source>the system, e.g. erp or wms</source>
      <translation>系统名称，如 erp 或 wms</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="68" />
      <source>System</source>
      <translation>系统</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="69" />
      <source>May write</source>
      <translation>可写入</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="70" />
      <source>The token belongs to a system, not a person: no password is involved. Give it only what it needs to write.</source>
      <translation>令牌属于系统而非个人，不涉及密码。只授予它需要写入的内容。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="75" />
      <source>Create token</source>
      <translation>创建令牌</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="93" />
      <source>Name the system the token is for.</source>
      <translation>请填写使用此令牌的系统名称。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/integrations.py" line="96" />
      <source>Choose at least one thing it may write.</source>
      <translation>请至少选择一项可写入的内容。</translation>
    </message>
  </context>
  <context>
    <name>UserDialog</name>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="89" />
      <source>Create user</source>
      <translation>创建用户</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="89" />
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="92" />
      <source>New user</source>
      <translation>新建用户</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="93" />
      <source>Role of %1</source>
      <translation>%1 的角色</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="97" />
      <source>e.g. rep3 (lower-case letters, digits)</source>
      <translation>如 rep3（小写字母、数字）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="121" />
      <source>User name</source>
      <translation>用户名</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="122" />
      <source>Full name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="123" />
      <source>Password</source>
      <translation>密码</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="127" />
      <source>Role</source>
      <translation>角色</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="128" />
      <source>Warehouse</source>
      <translation>仓库</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="129" />
      <source>Customer (store)</source>
      <translation>客户（门店）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="137" />
      <source>A warehouse clerk works in one warehouse; a store owner orders for one customer. The user's devices resync with what the new role may see.</source>
      <translation>仓库管理员属于一个仓库；门店店主为一个客户下单。该用户的设备会按新角色可见的数据重新同步。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="174" />
      <source>Give the user a name to sign in with.</source>
      <translation>请填写登录用的用户名。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="177" />
      <source>Give the user a first password.</source>
      <translation>请设置初始密码。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="180" />
      <source>Choose the clerk's warehouse.</source>
      <translation>请选择仓库管理员的仓库。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/user_dialogs.py" line="183" />
      <source>Choose the store's customer account.</source>
      <translation>请选择门店对应的客户。</translation>
    </message>
  </context>
  <context>
    <name>UsersPage</name>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="106" />
      <source>New user…</source>
      <translation>新建用户…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="109" />
      <source>Change role…</source>
      <translation>更改角色…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="112" />
      <source>New password…</source>
      <translation>重设密码…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="115" />
      <location filename="../../desktop/views/admin/users.py" line="165" />
      <source>Disable…</source>
      <translation>停用…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="118" />
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="127" />
      <source>Changes to user accounts (newest first)</source>
      <translation>用户账户变更记录（最新在前）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="164" />
      <source>Enable</source>
      <translation>启用</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="196" />
      <source>%1 users, %2 of them active.</source>
      <translation>共 %1 个用户，其中 %2 个有效。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="241" />
      <source>User %1 created.</source>
      <translation>用户 %1 已创建。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="258" />
      <source>%1 is now %2.</source>
      <translation>%1 现在是%2。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="275" />
      <source>%1 has a new password and is signed out everywhere.</source>
      <translation>%1 已设置新密码，并已在所有设备上注销。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="292" />
      <source>Disable %1?</source>
      <translation>停用 %1？</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="293" />
      <source>%1 can no longer sign in, and is signed out on every device now. Their orders and data stay; you can enable the account again later.</source>
      <translation>%1 将不能再登录，并立即在所有设备上注销。其订单和数据保留；以后可以重新启用该账户。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="296" />
      <source>Disable</source>
      <translation>停用</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="301" />
      <source>%1 is enabled.</source>
      <translation>%1 已启用。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/users.py" line="302" />
      <source>%1 is disabled and signed out everywhere.</source>
      <translation>%1 已停用，并已在所有设备上注销。</translation>
    </message>
  </context>
  <context>
    <name>Promotions</name>
    <message>
      <location filename="../../desktop/views/shared/promotions.py" line="24" />
      <source>Prices include tax (含税)</source>
      <translation>价格含税</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/promotions.py" line="25" />
      <source>Prices exclude tax (不含税)</source>
      <translation>价格不含税</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/promotions.py" line="42" />
      <source>Special price %1: %2 at %3</source>
      <translation>特价 %1：%2 单价 %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/promotions.py" line="46" />
      <source>Buy and get %1: free %2</source>
      <translation>买赠 %1：赠送 %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/promotions.py" line="48" />
      <source>Spend and save %1: %2 off</source>
      <translation>满减 %1：减 %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/promotions.py" line="51" />
      <source>Spend and get %1: free %2</source>
      <translation>满赠 %1：赠送 %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/promotions.py" line="52" />
      <source>%1 (saves %2)</source>
      <translation>%1（优惠 %2）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/promotions.py" line="19" />
      <source>Promotions</source>
      <translation>促销</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/promotions.py" line="80" />
      <source>No promotion applies.</source>
      <translation>本单无适用的促销。</translation>
    </message>
  </context>
  <context>
    <name>CreditBanner</name>
    <message>
      <location filename="../../desktop/views/shared/credit_banner.py" line="52" />
      <source>Terms: %1 · no open receivables known (as of the last sync)</source>
      <translation>账期：%1 · 无未结应收款（截至上次同步）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/credit_banner.py" line="54" />
      <source>Terms: %1 · open %2 · overdue %3 (as of %4)</source>
      <translation>账期：%1 · 未结 %2 · 逾期 %3（截至 %4）</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/shared/credit_banner.py" line="59" />
      <source>oldest %n day(s) overdue</source>
      <translation>
        <numerusform>最早一笔已逾期 %n 天</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/credit_banner.py" line="61" />
      <source>new orders are refused until it is paid</source>
      <translation>付清前新订单将被拒绝</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/credit_banner.py" line="63" />
      <source>new orders wait for back-office review</source>
      <translation>新订单需后台审核</translation>
    </message>
  </context>
  <context>
    <name>ReceiveReturnsPage</name>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="69" />
      <source>No approved return waits for the warehouse.</source>
      <translation>没有待仓库收货的已批准退货。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="85" />
      <source>Choose a return to take in.</source>
      <translation>请选择要收货的退货单。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="92" />
      <source>Scan a barcode or type a SKU, then Enter (12*code counts twelve)</source>
      <translation>扫描条码或输入 SKU，然后按回车（12*条码 计 12 个）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="98" />
      <source>Scans count good units (back to stock)</source>
      <translation>扫描计为完好（回库存）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="99" />
      <source>Scans count damaged units (not sellable)</source>
      <translation>扫描计为破损（不可销售）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="117" />
      <source>Confirm receipt</source>
      <translation>确认收货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="121" />
      <source>Everything expected, in good order</source>
      <translation>全部收到，完好</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="175" />
      <source>Take in return %1 — %2</source>
      <translation>退货收货 %1 — %2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="177" />
      <source>order %1 · reason: %2</source>
      <translation>订单 %1 · 原因：%2</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="206" />
      <source>“%1” is not on this return. Check the product or scan another.</source>
      <translation>“%1”不在此退货单中。请核对商品或扫描其他商品。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="214" />
      <source>%1: %2 of %3 taken in</source>
      <translation>%1：已收 %2 / %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="232" />
      <source>Nothing counted yet: scan the goods as they are unpacked.</source>
      <translation>尚未计数：拆箱时逐件扫描。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="235" />
      <source>This receipt: %1 back to stock, %2 damaged; %3 still expected.</source>
      <translation>本次收货：%1 回库存，%2 破损；仍待收 %3。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="254" />
      <source>Receipt for return %1 recorded. It is sent with the next sync.</source>
      <translation>退货单 %1 的收货已记录，将在下次同步时发送。</translation>
    </message>
  </context>
  <context>
    <name>ReturnRequestDialog</name>
    <message>
      <location filename="../../desktop/views/shared/return_request.py" line="43" />
      <source>Return goods of order %1</source>
      <translation>订单 %1 退货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/return_request.py" line="69" />
      <source>e.g. two cases crushed in transport; photos sent to the rep</source>
      <translation>例如：运输中压坏两箱，照片已发业务员</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/return_request.py" line="74" />
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/return_request.py" line="75" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/return_request.py" line="77" />
      <source>Ask for the return</source>
      <translation>申请退货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/return_request.py" line="82" />
      <source>Type how many units of each line come back (at most what shipped and was not returned yet). The back office approves the return; then the warehouse takes the goods in and the customer is credited.</source>
      <translation>填写每行退回的数量（不超过已发货且未退的数量）。后台批准后，仓库收货，客户获得退款额。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/return_request.py" line="109" />
      <source>Type how many units come back.</source>
      <translation>请填写退回数量。</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/views/shared/return_request.py" line="118" />
      <source>Return of %Ln unit(s) saved. It is sent with the next sync; the back office decides.</source>
      <translation>
        <numerusform>已保存 %Ln 个单位的退货申请，将在下次同步时发送，由后台审批。</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Returns</name>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="45" />
      <source>(not yet sent)</source>
      <translation>（尚未发送）</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="95" />
      <source>Return</source>
      <translation>退货单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="96" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="98" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="100" />
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="101" />
      <source>Units</source>
      <translation>数量</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="151" />
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="152" />
      <source>Product</source>
      <translation>商品</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="155" />
      <source>Unit price</source>
      <translation>单价</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="157" />
      <source>Back to stock</source>
      <translation>回库存</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="159" />
      <source>Damaged</source>
      <translation>破损</translation>
    </message>
    <message>
      <location filename="../../desktop/views/clerk/returns.py" line="61" />
      <source>Expected</source>
      <translation>待收</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/return_lines.py" line="51" />
      <source>Barcode</source>
      <translation>条码</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/return_lines.py" line="53" />
      <source>Returnable</source>
      <translation>可退</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/return_lines.py" line="89" />
      <source>Type a whole number of units.</source>
      <translation>请输入整数数量。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/shared/return_lines.py" line="56" />
      <source>Return qty</source>
      <translation>退货数量</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="157" />
      <source>Received</source>
      <translation>已收</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="158" />
      <source>%1 + %2 damaged</source>
      <translation>%1 + 破损 %2</translation>
    </message>
  </context>
  <context>
    <name>ReturnsReviewPage</name>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="90" />
      <source>All returns</source>
      <translation>全部退货单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="108" />
      <source>No returns. Returns the reps and stores ask for appear here for your decision.</source>
      <translation>暂无退货。业务员和门店提交的退货申请会显示在这里，等待您审批。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="132" />
      <source>Decision</source>
      <translation>审批</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="134" />
      <source>Choose a return.</source>
      <translation>请选择退货单。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="144" />
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="145" />
      <source>Asked</source>
      <translation>申请时间</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="146" />
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="147" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="148" />
      <source>Credited</source>
      <translation>已退款额</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="164" />
      <source>Approve return</source>
      <translation>批准退货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="167" />
      <source>Refuse…</source>
      <translation>拒绝…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="214" />
      <source>Return %1 — %2 · %3</source>
      <translation>退货单 %1 — %2 · %3</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="218" />
      <source>not yet sent</source>
      <translation>尚未发送</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="223" />
      <source>Refused: %1</source>
      <translation>已拒绝：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="242" />
      <source>Return %1 approved. The warehouse can take the goods in after the next sync.</source>
      <translation>退货单 %1 已批准。下次同步后仓库即可收货。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="258" />
      <source>Return %1 refused. The rep is told after the next sync.</source>
      <translation>退货单 %1 已拒绝。下次同步后通知业务员。</translation>
    </message>
  <message>
      <location filename="../../desktop/views/admin/returns.py" line="54" />
      <source>Refuse return %1</source>
      <translation>拒绝退货 %1</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="57" />
      <source>e.g. past the 30-day return period</source>
      <translation>例如：已超过 30 天退货期</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="60" />
      <source>Refuse return</source>
      <translation>拒绝退货</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="65" />
      <source>Why? The rep and the store are told this reason.</source>
      <translation>原因？业务员和门店会看到此原因。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/returns.py" line="75" />
      <source>Say why the return is refused.</source>
      <translation>请填写拒绝退货的原因。</translation>
    </message>
  </context>
  <context>
    <name>DeliveryNoteDialog</name>
    <message>
      <location filename="../../desktop/paperwork.py" line="1" />
      <source>Delivery note %1</source>
      <translation>送货单 %1</translation>
    </message>
  </context>
  <context>
    <name>StatementDialog</name>
    <message>
      <location filename="../../desktop/statement.py" line="1" />
      <source>Monthly statement</source>
      <translation>月度对账单</translation>
    </message>
    <message>
      <location filename="../../desktop/statement.py" line="1" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../desktop/statement.py" line="1" />
      <source>Month</source>
      <translation>月份</translation>
    </message>
    <message>
      <location filename="../../desktop/statement.py" line="1" />
      <source>Show statement</source>
      <translation>查看对账单</translation>
    </message>
    <message>
      <location filename="../../desktop/statement.py" line="1" />
      <source>Print…</source>
      <translation>打印…</translation>
    </message>
    <message>
      <location filename="../../desktop/statement.py" line="1" />
      <source>Save as PDF…</source>
      <translation>另存为 PDF…</translation>
    </message>
    <message>
      <location filename="../../desktop/statement.py" line="1" />
      <source>Save as PDF</source>
      <translation>另存为 PDF</translation>
    </message>
    <message>
      <location filename="../../desktop/statement.py" line="1" />
      <source>PDF files (*.pdf)</source>
      <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../desktop/statement.py" line="1" />
      <source>Enter a month as YYYY-MM, e.g. 2026-11.</source>
      <translation>请按 YYYY-MM 格式输入月份，例如 2026-11。</translation>
    </message>
  </context>
  <context>
    <name>Payments</name>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Reference</source>
      <translation>凭证号</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Kept as credit</source>
      <translation>留作预收</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Recorded</source>
      <translation>登记</translation>
    </message>
  </context>
  <context>
    <name>PaymentsPage</name>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>e.g. 1,200.50</source>
      <translation>例如 1,200.50</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>bank slip or receipt number</source>
      <translation>银行回单号或收据号</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Record payment</source>
      <translation>登记收款</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Amount received</source>
      <translation>收款金额</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Date received</source>
      <translation>收款日期</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Reference</source>
      <translation>凭证号</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Choose a customer to see what it owes.</source>
      <translation>选择客户以查看其欠款。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>A payment is set off against the customer's oldest open invoices; what is left is kept as a credit. The customer's reps see the new amounts after their next sync.</source>
      <translation>收款先冲抵该客户最早的未清发票，余额留作预收款。该客户的业务员在下次同步后看到新的金额。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Record a payment received</source>
      <translation>登记收款</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>No payment recorded yet.</source>
      <translation>尚无收款记录。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Latest payments</source>
      <translation>最近收款</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Latest payments of %1</source>
      <translation>%1 的最近收款</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>%1 owes %2, of which %3 overdue.</source>
      <translation>%1 欠款 %2，其中逾期 %3。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Oldest overdue since %1.</source>
      <translation>最早逾期自 %1 起。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Choose the customer who paid.</source>
      <translation>请选择付款的客户。</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Sending…</source>
      <translation>正在发送…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/admin/payments.py" line="1" />
      <source>Payment %1 of %2 recorded for %3.</source>
      <translation>已为 %3 登记收款 %1，金额 %2。</translation>
    </message>
  </context>
  <context>
    <name>DamagedStockLabel</name>
    <message>
      <location filename="../../desktop/views/shared/return_lines.py" line="1" />
      <source>Damaged goods held at this warehouse (not sellable): %1</source>
      <translation>本仓库现有残次品（不可销售）：%1</translation>
    </message>
  </context>
<context><name>PreviewDialog</name><message>
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
  </context></TS>
