<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="65"/>
        <location filename="../../desktop_app/ui/export_dialog.py" line="176"/>
        <source>Export notes</source>
        <translation>导出笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="77"/>
        <source>All notes of this document (%d)</source>
        <translation>本文的全部笔记（%d 条）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="79"/>
        <source>The notes shown in the notes panel (its filter)</source>
        <translation>笔记面板中筛选出的笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="85"/>
        <source>Only the section “%s”</source>
        <translation>只导出“%s”一节</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="87"/>
        <source>Only the current section</source>
        <translation>只导出当前一节</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="90"/>
        <source>Official-document layout (公文, GB/T 9704)</source>
        <translation>公文格式（GB/T 9704）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="91"/>
        <source>Include bookmarks</source>
        <translation>包括书签</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="98"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="107"/>
        <source>Open the file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="108"/>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="116"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="120"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="124"/>
        <source>Notes:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="127"/>
        <source>Save as:</source>
        <translation>保存为：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="130"/>
        <source>Preview of the first entries:</source>
        <translation>前几条的预览：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="192"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="204"/>
        <source>Saved: %s</source>
        <translation>已保存：%s</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="215"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../desktop_app/ui/find_bar.py" line="57"/>
        <source>Find in text</source>
        <translation>在正文中查找</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/find_bar.py" line="63"/>
        <source>Previous match (Shift+Enter, Shift+F3)</source>
        <translation>上一个 (Shift+Enter, Shift+F3)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/find_bar.py" line="65"/>
        <source>Next match (Enter, F3)</source>
        <translation>下一个 (Enter, F3)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/find_bar.py" line="67"/>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/find_bar.py" line="71"/>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/find_bar.py" line="162"/>
        <source>No matches</source>
        <translation>无匹配</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="183"/>
        <source>Notes</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="244"/>
        <source>Open a text file</source>
        <translation>打开文本文件</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="244"/>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="267"/>
        <source>Opening %s…</source>
        <translation>正在打开 %s…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="277"/>
        <source>Another Yandu window is running on the same data and does not answer; both can be used.</source>
        <translation>另一个研读窗口正在使用同一份数据且没有响应；两个窗口都可以使用。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="306"/>
        <source>Unexpected error while opening the file: %s (details in %s)</source>
        <translation>打开文件时发生意外错误：%s（详情见 %s）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="311"/>
        <source>Cannot open the file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="466"/>
        <source>Zoom %d%%</source>
        <translation>缩放 %d%%</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="481"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="481"/>
        <source>The new language takes effect the next time Yandu starts.</source>
        <translation>新的界面语言将在下次启动研读时生效。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="489"/>
        <source>About Yandu</source>
        <translation>关于研读</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="490"/>
        <source>&lt;b&gt;%s (Yandu)&lt;/b&gt; %s&lt;br&gt;Read, search and annotate long Chinese documents offline.</source>
        <translation>&lt;b&gt;%s（Yandu）&lt;/b&gt; %s&lt;br&gt;离线阅读、检索和批注长篇中文文档。</translation>
    </message>
</context>
<context>
    <name>NotesFeature</name>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="80"/>
        <source>&amp;Highlight selection</source>
        <translation>高亮所选(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="81"/>
        <source>&amp;Underline selection</source>
        <translation>为所选加下划线(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="82"/>
        <source>Add a &amp;note…</source>
        <translation>添加笔记(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="83"/>
        <source>&amp;Remove highlight</source>
        <translation>删除标注(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="84"/>
        <source>Add a &amp;bookmark</source>
        <translation>添加书签(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="85"/>
        <source>&amp;Undo delete</source>
        <translation>撤销删除(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="86"/>
        <source>&amp;Notes panel</source>
        <translation>笔记面板(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="87"/>
        <source>Restore notes from a &amp;backup…</source>
        <translation>从备份恢复笔记(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="88"/>
        <source>&amp;Export notes…</source>
        <translation>导出笔记(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="89"/>
        <source>&amp;Import notes…</source>
        <translation>导入笔记(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="110"/>
        <source>Highlight in colour</source>
        <translation>按颜色高亮</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="131"/>
        <source>Notes cannot be saved: %s</source>
        <translation>笔记无法保存：%s</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="186"/>
        <source>Notes cannot be saved: the notes database is not open.</source>
        <translation>笔记无法保存：笔记数据库没有打开。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="219"/>
        <source>Select a passage first, then add a note to it.</source>
        <translation>请先选中一段文字，再为它添加笔记。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="280"/>
        <source>Select the passage in the text first, then attach the note to it.</source>
        <translation>请先在正文中选中要关联的文字，再把笔记关联上去。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="296"/>
        <source>Bookmark added: %s</source>
        <translation>已添加书签：%s</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="309"/>
        <location filename="../../desktop_app/ui/notes_feature.py" line="315"/>
        <source>Restore notes</source>
        <translation>恢复笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="309"/>
        <source>There are no backups yet.</source>
        <translation>还没有备份。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="316"/>
        <source>All notes will be replaced by those of the backup (the current ones are kept aside):</source>
        <translation>所有笔记将被替换为所选备份中的笔记（当前笔记会另存一份）：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="336"/>
        <source>Notes restored from %s</source>
        <translation>已从 %s 恢复笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="368"/>
        <location filename="../../desktop_app/ui/notes_feature.py" line="387"/>
        <location filename="../../desktop_app/ui/notes_feature.py" line="391"/>
        <source>Import notes</source>
        <translation>导入笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="368"/>
        <source>Notes (*.json);;All files (*)</source>
        <translation>笔记 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="391"/>
        <source>Import these notes?</source>
        <translation>要导入这些笔记吗？</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="406"/>
        <source>Notes imported.</source>
        <translation>笔记已导入。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="432"/>
        <source>Highlight: %s</source>
        <translation>高亮：%s</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="51"/>
        <source>Notes</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="63"/>
        <source>Filter by text</source>
        <translation>按文字筛选</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="67"/>
        <source>All colours</source>
        <translation>全部颜色</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="71"/>
        <location filename="../../desktop_app/ui/notes_panel.py" line="139"/>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="73"/>
        <source>Reading order</source>
        <translation>按阅读顺序</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="74"/>
        <source>Newest first</source>
        <translation>最新的在前</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="86"/>
        <source>Write a note on the selected passage…</source>
        <translation>为选中的段落写笔记…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="90"/>
        <source>Tags, separated by commas</source>
        <translation>标签，用逗号分隔</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="92"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="93"/>
        <source>Attach to selection</source>
        <translation>关联到所选文字</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="95"/>
        <source>Select the passage in the text, then attach this note to it</source>
        <translation>在正文中选中文字，再把这条笔记关联上去</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="214"/>
        <source>Bookmarks (%d)</source>
        <translation>书签（%d）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="229"/>
        <source>(before the first heading)</source>
        <translation>（第一个标题之前）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="234"/>
        <source>Could not be placed in this text (%d)</source>
        <translation>在本文中找不到原位置（%d）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="193"/>
        <location filename="../../desktop_app/ui/notes_panel.py" line="242"/>
        <source>%d of %d notes</source>
        <translation>%d / %d 条笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="195"/>
        <location filename="../../desktop_app/ui/notes_panel.py" line="244"/>
        <source>%d notes</source>
        <translation>%d 条笔记</translation>
    </message>
</context>
<context>
    <name>SearchFeature</name>
    <message>
        <location filename="../../desktop_app/ui/search_feature.py" line="91"/>
        <source>The search index could not be built: %s</source>
        <translation>无法建立搜索索引：%s</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_feature.py" line="98"/>
        <source>Preparing search…</source>
        <translation>正在准备搜索…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_feature.py" line="110"/>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_feature.py" line="117"/>
        <source>Building the search index… %d%%</source>
        <translation>正在建立搜索索引… %d%%</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="127"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="140"/>
        <source>Words, &quot;a phrase&quot;, OR, -exclude</source>
        <translation>词语、&quot;整句&quot;、OR、-排除</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="144"/>
        <source>In the text</source>
        <translation>搜索正文</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="145"/>
        <source>In my notes</source>
        <translation>搜索我的笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="146"/>
        <source>Text and notes</source>
        <translation>正文和笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="222"/>
        <source>Search failed: %s</source>
        <translation>搜索出错：%s</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="234"/>
        <source>(before the first heading)</source>
        <translation>（第一个标题之前）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="253"/>
        <source>No results</source>
        <translation>没有找到</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="255"/>
        <source>%d results, the first %d shown (%.0f ms)</source>
        <translation>共 %d 处，显示前 %d 处（%.0f 毫秒）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="261"/>
        <source>%d results (%.0f ms)</source>
        <translation>共 %d 处（%.0f 毫秒）</translation>
    </message>
</context>
<context>
    <name>SelectionToolbar</name>
    <message>
        <location filename="../../desktop_app/ui/selection_toolbar.py" line="57"/>
        <source>Highlight: %s</source>
        <translation>高亮：%s</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/selection_toolbar.py" line="62"/>
        <source>Underline</source>
        <translation>下划线</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/selection_toolbar.py" line="63"/>
        <source>Add a note</source>
        <translation>添加笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/selection_toolbar.py" line="64"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/selection_toolbar.py" line="65"/>
        <source>Remove highlight</source>
        <translation>删除标注</translation>
    </message>
</context>
<context>
    <name>TocDock</name>
    <message>
        <location filename="../../desktop_app/ui/toc_dock.py" line="28"/>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="30"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="31"/>
        <source>Open the &amp;bundled speech</source>
        <translation>打开内置讲话稿(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="32"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="34"/>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="36"/>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="38"/>
        <source>&amp;Actual size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="42"/>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="42"/>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="42"/>
        <source>&amp;Eye care (sepia)</source>
        <translation>护眼(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="59"/>
        <source>&amp;Contents</source>
        <translation>目录(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="61"/>
        <source>&amp;Find in text…</source>
        <translation>在正文中查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="62"/>
        <source>Find &amp;next</source>
        <translation>查找下一个(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="64"/>
        <source>Find &amp;previous</source>
        <translation>查找上一个(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="67"/>
        <source>Search &amp;panel…</source>
        <translation>搜索面板(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="69"/>
        <source>&amp;About Yandu</source>
        <translation>关于研读(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="86"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="92"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="99"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="102"/>
        <source>Language (语言)</source>
        <translation>语言 (Language)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="106"/>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="113"/>
        <source>&amp;Notes</source>
        <translation>批注(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="115"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
</TS>
