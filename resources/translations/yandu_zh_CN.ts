<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../desktop_app/ui/help.py" line="415"/>
        <source>About Yandu</source>
        <translation>关于研读</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/help.py" line="426"/>
        <source>Version %s</source>
        <translation>版本 %s</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/help.py" line="428"/>
        <source>Read, search and annotate long Chinese documents offline.</source>
        <translation>离线阅读、检索和批注长篇中文文档。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/help.py" line="439"/>
        <source>Your notes, settings and backups are kept in:</source>
        <translation>您的笔记、设置和备份保存在：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/help.py" line="444"/>
        <source>Open the data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/help.py" line="460"/>
        <source>Copy version information</source>
        <translation>复制版本信息</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/help.py" line="486"/>
        <source>licence text</source>
        <translation>许可证全文</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/help.py" line="489"/>
        <source>Yandu is free software under the MIT licence. The bundled font WenQuanYi Micro Hei (文泉驿微米黑) is under the Apache License 2.0 (%s).</source>
        <translation>研读是采用 MIT 许可证的自由软件。内置字体文泉驿微米黑（WenQuanYi Micro Hei）采用 Apache License 2.0 许可证（%s）。</translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message>
        <location filename="../../desktop_app/ui/compare_window.py" line="104"/>
        <source>Compare versions</source>
        <translation>比较版本</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/compare_window.py" line="119"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/compare_window.py" line="123"/>
        <source>Earlier:</source>
        <translation>旧版本：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/compare_window.py" line="125"/>
        <source>Later:</source>
        <translation>新版本：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/compare_window.py" line="169"/>
        <source>Choose two different documents of the library.</source>
        <translation>请选择文库中两篇不同的文档。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/compare_window.py" line="171"/>
        <source>Comparing…</source>
        <translation>正在比较…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/compare_window.py" line="247"/>
        <source>Export the comparison</source>
        <translation>导出比较结果</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/compare_window.py" line="249"/>
        <source>Word (*.docx);;Web page (*.html)</source>
        <translation>Word 文档 (*.docx);;网页 (*.html)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/compare_window.py" line="265"/>
        <source>Exported to %s</source>
        <translation>已导出到 %s</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="71"/>
        <location filename="../../desktop_app/ui/export_dialog.py" line="211"/>
        <source>Export notes</source>
        <translation>导出笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="84"/>
        <source>All notes of this document (%d)</source>
        <translation>本文的全部笔记（%d 条）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="86"/>
        <source>The notes shown in the notes panel (its filter)</source>
        <translation>笔记面板中筛选出的笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="92"/>
        <source>Only the section “%s”</source>
        <translation>只导出“%s”一节</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="94"/>
        <source>Only the current section</source>
        <translation>只导出当前一节</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="97"/>
        <source>Official-document layout (公文, GB/T 9704)</source>
        <translation>公文格式（GB/T 9704）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="99"/>
        <source>Include bookmarks</source>
        <translation>包括书签</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="106"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="115"/>
        <source>Open the file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="116"/>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="124"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="128"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="132"/>
        <source>Notes:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="135"/>
        <source>Save as:</source>
        <translation>保存为：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="138"/>
        <source>Preview of the first entries:</source>
        <translation>前几条的预览：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="180"/>
        <source>The 公文 layout applies to Word documents and PDF only.</source>
        <translation>公文格式仅适用于 Word 文档和 PDF。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="231"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="244"/>
        <source>Saved: %s</source>
        <translation>已保存：%s</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="256"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <location filename="../../desktop_app/ui/file_dialogs.py" line="35"/>
        <source>Documents (%1)</source>
        <translation>文档 (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/file_dialogs.py" line="36"/>
        <source>Word documents (*.docx *.doc *.wps)</source>
        <translation>Word 文档 (*.docx *.doc *.wps)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/file_dialogs.py" line="37"/>
        <source>PDF and OFD (*.pdf *.ofd)</source>
        <translation>PDF 和 OFD (*.pdf *.ofd)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/file_dialogs.py" line="38"/>
        <source>Web pages (*.html *.htm *.mhtml *.mht)</source>
        <translation>网页 (*.html *.htm *.mhtml *.mht)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/file_dialogs.py" line="39"/>
        <source>Text files (*.txt *.text *.md *.markdown)</source>
        <translation>文本文件 (*.txt *.text *.md *.markdown)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/file_dialogs.py" line="40"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../desktop_app/ui/find_bar.py" line="62"/>
        <location filename="../../desktop_app/ui/find_bar.py" line="63"/>
        <source>Find in text</source>
        <translation>在正文中查找</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/find_bar.py" line="69"/>
        <source>Previous match (Shift+Enter, Shift+F3)</source>
        <translation>上一个（Shift+Enter、Shift+F3）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/find_bar.py" line="71"/>
        <source>Next match (Enter, F3)</source>
        <translation>下一个（Enter、F3）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/find_bar.py" line="73"/>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/find_bar.py" line="81"/>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/find_bar.py" line="191"/>
        <source>No matches</source>
        <translation>无匹配</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <location filename="../../desktop_app/ui/help.py" line="336"/>
        <source>User guide</source>
        <translation>使用指南</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/help.py" line="345"/>
        <source>Find in the guide</source>
        <translation>在指南中查找</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/help.py" line="396"/>
        <source>Not found</source>
        <translation>没有找到</translation>
    </message>
</context>
<context>
    <name>LibraryFeature</name>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="63"/>
        <source>Library</source>
        <translation>文库</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="70"/>
        <source>No document is open. Double-click one to read it, or add files and folders (File → Add to library, or drop them here).</source>
        <translation>没有打开的文档。双击一篇即可阅读，或添加文件和文件夹（文件 → 添加到文库，或把它们拖到这里）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="89"/>
        <source>&amp;Library</source>
        <translation>文库(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="90"/>
        <source>&amp;Add files to the library…</source>
        <translation>添加文件到文库(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="91"/>
        <source>Add a &amp;folder to the library…</source>
        <translation>添加文件夹到文库(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="92"/>
        <source>Co&amp;mpare versions…</source>
        <translation>比较版本(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="94"/>
        <source>S&amp;witch to the previous document</source>
        <translation>切换到上一篇文档(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="184"/>
        <source>No other document was opened yet.</source>
        <translation>还没有打开过其他文档。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="216"/>
        <source>Add files to the library</source>
        <translation>添加文件到文库</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="229"/>
        <source>Add a folder to the library</source>
        <translation>添加文件夹到文库</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="244"/>
        <source>The library cannot be changed: the notes database is not writable.</source>
        <translation>无法修改文库：笔记数据库不可写入。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="248"/>
        <source>Documents are being added; wait for them, or cancel.</source>
        <translation>正在添加文档，请稍候，或取消。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="253"/>
        <location filename="../../desktop_app/ui/library_feature.py" line="292"/>
        <source>Looking for documents…</source>
        <translation>正在查找文档…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="290"/>
        <source>Adding %d of %d: %s</source>
        <translation>正在添加第 %d 篇，共 %d 篇：%s</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="300"/>
        <source>Add to the library</source>
        <translation>添加到文库</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="317"/>
        <source>“%s” looks like a new version of “%s” (%d%% of its sentences are the same).

Carry the %d notes of the earlier version over to it? Both versions stay in the library.</source>
        <translation>《%s》看起来是《%s》的新版本（%d%% 的句子相同）。

要把旧版本的 %d 条笔记带到新版本吗？两个版本都保留在文库中。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="320"/>
        <source>A new version?</source>
        <translation>是新版本吗？</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="351"/>
        <source>%d notes carried over to the new version.</source>
        <translation>已把 %d 条笔记带到新版本。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="355"/>
        <source>%d of them were not found in its text: see them in the notes panel.</source>
        <translation>其中 %d 条在新版本中找不到原文，可在笔记面板中查看。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="374"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="376"/>
        <source>Find the moved file…</source>
        <translation>找到移动后的文件…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="376"/>
        <source>Change its file…</source>
        <translation>更换对应的文件…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="380"/>
        <source>Export its notes…</source>
        <translation>导出它的笔记…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="382"/>
        <source>Compare with the open document…</source>
        <translation>与当前文档比较…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="384"/>
        <source>Remove from the library…</source>
        <translation>从文库移除…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="407"/>
        <source>Export its notes</source>
        <translation>导出它的笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="418"/>
        <source>Notes exported to %s</source>
        <translation>笔记已导出到 %s</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="431"/>
        <source>Remove from the library</source>
        <translation>从文库移除</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="432"/>
        <source>Remove “%s” from the library? The file itself is not touched.</source>
        <translation>要把《%s》从文库移除吗？文件本身不受影响。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="436"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="437"/>
        <source>Also delete its %d notes and its bookmarks (cannot be undone)</source>
        <translation>同时删除它的 %d 条笔记和书签（无法撤销）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="441"/>
        <source>Its notes are kept unless you also delete them: adding the file again brings them back.</source>
        <translation>除非同时删除，笔记会保留：再次添加这个文件时笔记随之恢复。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="463"/>
        <source>Removed from the library (notes deleted: %d).</source>
        <translation>已从文库移除（删除的笔记：%d 条）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="478"/>
        <source>The file is no longer there: %s</source>
        <translation>文件已不在原处：%s</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_feature.py" line="481"/>
        <source>Where is “%s” now?</source>
        <translation>《%s》现在在哪里？</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <location filename="../../desktop_app/ui/library_view.py" line="52"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_view.py" line="53"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_view.py" line="54"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_view.py" line="55"/>
        <source>Read</source>
        <translation>已读</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_view.py" line="56"/>
        <source>Notes</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_view.py" line="57"/>
        <source>Last opened</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_view.py" line="103"/>
        <source>The file is no longer there: %s</source>
        <translation>文件已不在原处：%s</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_view.py" line="120"/>
        <source>%s  (file missing)</source>
        <translation>%s（文件不在原处）</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <location filename="../../desktop_app/ui/library_view.py" line="189"/>
        <source>Library</source>
        <translation>文库</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_view.py" line="200"/>
        <source>Filter by title, source, date or file name</source>
        <translation>按标题、来源、日期或文件名筛选</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_view.py" line="202"/>
        <source>Filter the library</source>
        <translation>筛选文库</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/library_view.py" line="235"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="264"/>
        <source>Notes</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="264"/>
        <source>Library</source>
        <translation>文库</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/window_files.py" line="34"/>
        <source>Open a document</source>
        <translation>打开文档</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/window_files.py" line="69"/>
        <source>This file is no longer there: %s</source>
        <translation>这个文件已经不在原处：%s</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/window_files.py" line="98"/>
        <source>Opening %s…</source>
        <translation>正在打开 %s…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/window_files.py" line="111"/>
        <source>Another Yandu window is running on the same data and does not answer; both can be used.</source>
        <translation>另一个研读窗口正在使用同一份数据且没有响应；两个窗口都可以使用。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/window_files.py" line="147"/>
        <source>Unexpected error while opening the file: %s (details in %s)</source>
        <translation>打开文件时发生意外错误：%s（详情见 %s）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/window_files.py" line="153"/>
        <source>Cannot open the file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/window_place.py" line="43"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/window_place.py" line="44"/>
        <source>Beginning</source>
        <translation>开头</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/window_view.py" line="33"/>
        <source>Zoom %d%%</source>
        <translation>缩放 %d%%</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/window_view.py" line="136"/>
        <source>The new language takes effect the next time Yandu starts.</source>
        <translation>新的界面语言将在下次启动研读时生效。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/window_printing.py" line="71"/>
        <source>Select a passage first, then copy it with its citation.</source>
        <translation>请先选中一段文字，再带出处复制。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/window_printing.py" line="81"/>
        <source>Copied with its citation.</source>
        <translation>已带出处复制。</translation>
    </message>
</context>
<context>
    <name>NotesFeature</name>
    <message>
        <location filename="../../desktop_app/ui/notes_actions.py" line="28"/>
        <source>&amp;Highlight selection</source>
        <translation>高亮所选(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_actions.py" line="33"/>
        <source>&amp;Underline selection</source>
        <translation>为所选加下划线(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_actions.py" line="38"/>
        <source>Add a &amp;note…</source>
        <translation>添加笔记(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_actions.py" line="40"/>
        <source>&amp;Remove highlight</source>
        <translation>删除标注(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_actions.py" line="42"/>
        <source>Add a &amp;bookmark</source>
        <translation>添加书签(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_actions.py" line="47"/>
        <source>Undo the &amp;last change</source>
        <translation>撤销上一次修改(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_actions.py" line="61"/>
        <source>&amp;Export notes…</source>
        <translation>导出笔记(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_actions.py" line="65"/>
        <source>&amp;Import notes…</source>
        <translation>导入笔记(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_actions.py" line="122"/>
        <source>Copy as a note card</source>
        <translation>复制为笔记卡片</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="219"/>
        <location filename="../../desktop_app/ui/notes_feature.py" line="162"/>
        <location filename="../../desktop_app/ui/notes_feature.py" line="186"/>
        <source>Notes cannot be saved: %s</source>
        <translation>笔记无法保存：%s</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="318"/>
        <source>Notes cannot be saved: the notes database is not open.</source>
        <translation>笔记无法保存：笔记数据库没有打开。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="335"/>
        <source>Select a passage first, then highlight it.</source>
        <translation>请先选中一段文字，再为它加高亮。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="359"/>
        <source>Select a passage first, then add a note to it.</source>
        <translation>请先选中一段文字，再为它添加笔记。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="439"/>
        <source>Select the passage in the text first, then attach the note to it.</source>
        <translation>请先在正文中选中要关联的文字，再把笔记关联上去。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="456"/>
        <source>Bookmark added: %s</source>
        <translation>已添加书签：%s</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="471"/>
        <source>Select a passage first, then copy it as a note card.</source>
        <translation>请先选中一段文字，再复制为笔记卡片。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="494"/>
        <source>Save the note card</source>
        <translation>保存笔记卡片</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="494"/>
        <source>PNG picture (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="505"/>
        <source>Note card saved: %s</source>
        <translation>笔记卡片已保存：%s</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="513"/>
        <source>Copied as a note card: paste it into a chat or a document.</source>
        <translation>已复制为笔记卡片：可粘贴到聊天或文档中。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_actions.py" line="53"/>
        <source>Notes &amp;panel</source>
        <translation>笔记面板(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_actions.py" line="51"/>
        <source>Re&amp;do</source>
        <translation>重做(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_actions.py" line="58"/>
        <source>Restore notes from a bac&amp;kup…</source>
        <translation>从备份恢复笔记(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_actions.py" line="87"/>
        <source>Highlight in &amp;colour</source>
        <translation>按颜色高亮(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="404"/>
        <source>Nothing to undo: Ctrl+Z takes back your last change to the notes.</source>
        <translation>没有可以撤销的修改：Ctrl+Z 撤销您对笔记的上一次修改。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_feature.py" line="410"/>
        <source>Nothing to redo.</source>
        <translation>没有可以重做的修改。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_dialogs.py" line="49"/>
        <source>Notes restored from %s</source>
        <translation>已从 %s 恢复笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_dialogs.py" line="81"/>
        <location filename="../../desktop_app/ui/notes_dialogs.py" line="104"/>
        <location filename="../../desktop_app/ui/notes_dialogs.py" line="110"/>
        <source>Import notes</source>
        <translation>导入笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_dialogs.py" line="83"/>
        <source>Notes (*.json);;All files (*)</source>
        <translation>笔记 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_dialogs.py" line="111"/>
        <source>Import these notes?</source>
        <translation>要导入这些笔记吗？</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_dialogs.py" line="126"/>
        <source>Notes imported.</source>
        <translation>笔记已导入。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_actions.py" line="115"/>
        <source>Highlight: %s</source>
        <translation>高亮：%s</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="57"/>
        <location filename="../../desktop_app/ui/notes_panel.py" line="97"/>
        <source>Notes</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="73"/>
        <location filename="../../desktop_app/ui/notes_panel.py" line="74"/>
        <source>Filter by text</source>
        <translation>按文字筛选</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="78"/>
        <source>All colours</source>
        <translation>全部颜色</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="82"/>
        <location filename="../../desktop_app/ui/notes_panel.py" line="160"/>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="84"/>
        <source>Reading order</source>
        <translation>按阅读顺序</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="85"/>
        <source>Newest first</source>
        <translation>最新的在前</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="87"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="88"/>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="89"/>
        <source>Order</source>
        <translation>排列顺序</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="105"/>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="106"/>
        <source>Write a note on the selected passage…</source>
        <translation>为选中的段落写笔记…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="110"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="111"/>
        <source>Tags, separated by commas</source>
        <translation>标签，用逗号分隔</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="113"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="114"/>
        <source>Attach to selection</source>
        <translation>关联到所选文字</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="116"/>
        <source>Select the passage in the text, then attach this note to it</source>
        <translation>在正文中选中文字，再把这条笔记关联上去</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="218"/>
        <source>1 note</source>
        <translation>1 条笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="242"/>
        <source>Bookmarks (%d)</source>
        <translation>书签（%d）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="258"/>
        <source>Beginning</source>
        <translation>开头</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="279"/>
        <source>Note: %s</source>
        <translation>笔记：%s</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="367"/>
        <source>Copy as a note card</source>
        <translation>复制为笔记卡片</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="369"/>
        <source>Save the note card as a picture…</source>
        <translation>将笔记卡片保存为图片…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="264"/>
        <source>Could not be placed in this text (%d)</source>
        <translation>在本文中找不到原位置（%d）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="217"/>
        <source>%d of %d notes</source>
        <translation>%d / %d 条笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notes_panel.py" line="218"/>
        <source>%d notes</source>
        <translation>%d 条笔记</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <location filename="../../desktop_app/ui/printing.py" line="270"/>
        <source>Print &amp;notes</source>
        <translation>打印笔记(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/printing.py" line="271"/>
        <source>Print the notes, numbered, under their paragraphs</source>
        <translation>在所在段落之后打印带编号的笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/printing.py" line="275"/>
        <source>What to print</source>
        <translation>打印内容</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/printing.py" line="276"/>
        <source>Whole document</source>
        <translation>全文</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/printing.py" line="279"/>
        <source>Current section</source>
        <translation>当前章节</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/printing.py" line="281"/>
        <source>Selection</source>
        <translation>选中的文字</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/printing.py" line="297"/>
        <source>&amp;Print:</source>
        <translation>打印内容(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/printing.py" line="306"/>
        <source>Print options</source>
        <translation>打印选项</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../desktop_app/ui/print_text.py" line="318"/>
        <source>(Excerpt)</source>
        <translation>（节选）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/print_text.py" line="319"/>
        <source>(Excerpt from: %1)</source>
        <translation>（节选自：%1）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/printing.py" line="185"/>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/printing.py" line="362"/>
        <source>A long document</source>
        <translation>文档较长</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/printing.py" line="363"/>
        <source>The whole document is about %1 pages. Preparing them takes a while, during which the window cannot be used. Continue?</source>
        <translation>全文约有 %1 页，准备打印需要一段时间，期间窗口不能操作。要继续吗？</translation>
    </message>
</context>
<context>
    <name>SearchFeature</name>
    <message>
        <location filename="../../desktop_app/ui/search_feature.py" line="139"/>
        <source>The search index could not be built: %s</source>
        <translation>无法建立搜索索引：%s</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_feature.py" line="147"/>
        <location filename="../../desktop_app/ui/search_feature.py" line="210"/>
        <source>Preparing search…</source>
        <translation>正在准备搜索…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_feature.py" line="169"/>
        <source>The library is not open yet.</source>
        <translation>文库尚未打开。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_feature.py" line="177"/>
        <location filename="../../desktop_app/ui/search_feature.py" line="217"/>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_feature.py" line="199"/>
        <source>%d documents could not be searched (their files are not where they were).</source>
        <translation>有 %d 篇文档无法搜索（文件已不在原处）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_feature.py" line="224"/>
        <source>Building the search index… %d%%</source>
        <translation>正在建立搜索索引… %d%%</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="136"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="149"/>
        <source>Search for</source>
        <translation>搜索内容</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="153"/>
        <source>Words, &quot;a phrase&quot;, OR, -exclude</source>
        <translation>词语、&quot;整句&quot;、OR、-排除</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="157"/>
        <source>Search in</source>
        <translation>搜索范围</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="158"/>
        <source>In the text</source>
        <translation>搜索正文</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="159"/>
        <source>In my notes</source>
        <translation>搜索我的笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="160"/>
        <source>Text and notes</source>
        <translation>正文和笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="161"/>
        <source>Every document in the library</source>
        <translation>文库中的全部文档</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="162"/>
        <source>My notes in every document</source>
        <translation>全部文档中的我的笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="169"/>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="238"/>
        <source>Searching the library…</source>
        <translation>正在搜索文库…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="246"/>
        <source>Search failed: %s</source>
        <translation>搜索出错：%s</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="293"/>
        <source>%d results, the first %d shown</source>
        <translation>共 %d 条结果，显示前 %d 条</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="295"/>
        <source>1 result</source>
        <translation>1 条结果</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="297"/>
        <source>%d results</source>
        <translation>%d 条结果</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="323"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="260"/>
        <location filename="../../desktop_app/ui/search_panel.py" line="323"/>
        <source>Beginning</source>
        <translation>开头</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_panel.py" line="291"/>
        <source>No results</source>
        <translation>没有找到</translation>
    </message>
</context>
<context>
    <name>SelectionToolbar</name>
    <message>
        <location filename="../../desktop_app/ui/selection_toolbar.py" line="62"/>
        <source>Highlight: %s</source>
        <translation>高亮：%s</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/selection_toolbar.py" line="69"/>
        <source>Underline</source>
        <translation>下划线</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/selection_toolbar.py" line="70"/>
        <source>Add a note</source>
        <translation>添加笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/selection_toolbar.py" line="71"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/selection_toolbar.py" line="72"/>
        <source>Copy as a note card (picture and text)</source>
        <translation>复制为笔记卡片（图片和文字）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/selection_toolbar.py" line="73"/>
        <source>Remove highlight</source>
        <translation>删除标注</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="115"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="126"/>
        <source>&amp;Reading</source>
        <translation>阅读(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="127"/>
        <source>&amp;Data</source>
        <translation>数据(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="144"/>
        <source>Automatic (%s)</source>
        <translation>自动（%s）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="152"/>
        <source> pt</source>
        <translation> 磅</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="161"/>
        <source> em</source>
        <translation> 字</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="162"/>
        <source>Space below each paragraph, in character widths</source>
        <translation>段落之后的间距，以字宽计</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="165"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="166"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="167"/>
        <source>Eye care (sepia)</source>
        <translation>护眼</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="168"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="175"/>
        <source>The new language takes effect the next time Yandu starts.</source>
        <translation>新的界面语言将在下次启动研读时生效。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="179"/>
        <source>Reading &amp;font:</source>
        <translation>阅读字体(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="180"/>
        <source>Font &amp;size:</source>
        <translation>字号(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="181"/>
        <source>&amp;Line spacing:</source>
        <translation>行距(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="182"/>
        <source>&amp;Paragraph spacing:</source>
        <translation>段距(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="183"/>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="184"/>
        <source>Interface lan&amp;guage:</source>
        <translation>界面语言(&amp;G)：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="192"/>
        <source>Preview:</source>
        <translation>预览：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="195"/>
        <source>Restore defa&amp;ults</source>
        <translation>恢复默认(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="196"/>
        <source>Font, size, spacing and theme as they were at first</source>
        <translation>字体、字号、间距和主题恢复为最初的设置</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="312"/>
        <source>Settings, notes and their backups are kept in this folder:</source>
        <translation>设置、笔记及其备份保存在这个文件夹中：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="317"/>
        <source>&amp;Open folder</source>
        <translation>打开文件夹(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="325"/>
        <source>Automatic backups of the notes (one a day, and one before each restore):</source>
        <translation>笔记的自动备份（每天一份，每次恢复前另存一份）：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="329"/>
        <source>Date</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="329"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="329"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="344"/>
        <source>Res&amp;tore the selected backup…</source>
        <translation>恢复选中的备份(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="354"/>
        <source>The folder could not be opened: %s</source>
        <translation>无法打开文件夹：%s</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="361"/>
        <source>The notes are not available, so neither are their backups.</source>
        <translation>笔记数据库不可用，因此也无法使用备份。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="383"/>
        <source>There are no backups yet.</source>
        <translation>还没有备份。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="388"/>
        <source>Before a restore</source>
        <translation>恢复前的备份</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="390"/>
        <source>Before an upgrade</source>
        <translation>升级前的备份</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="392"/>
        <source>Snapshot</source>
        <translation>快照</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="393"/>
        <source>Daily</source>
        <translation>每日备份</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="409"/>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="423"/>
        <source>Restore notes</source>
        <translation>恢复笔记</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="411"/>
        <source>Replace all notes with those of the backup of %s?

The notes as they are now are kept as a backup first, so this can be undone.</source>
        <translation>用 %s 的备份替换全部笔记吗？

当前的笔记会先另存为一份备份，可以再恢复回来。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="427"/>
        <source>The notes were not restored.</source>
        <translation>笔记没有恢复。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="429"/>
        <source>The notes were restored from the backup of %s.</source>
        <translation>已从 %s 的备份恢复笔记。</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/help.py" line="170"/>
        <location filename="../../desktop_app/ui/help.py" line="185"/>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/help.py" line="173"/>
        <source>Filter by command or key, e.g. Export or Ctrl+E</source>
        <translation>按命令或按键筛选，例如 导出 或 Ctrl+E</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/help.py" line="178"/>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/help.py" line="178"/>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/help.py" line="187"/>
        <source>Copy the list</source>
        <translation>复制列表</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/help.py" line="188"/>
        <source>Copy the shortcuts shown (or the selected rows) as text</source>
        <translation>把显示的快捷键（或选中的行）复制为文字</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/help.py" line="216"/>
        <location filename="../../desktop_app/ui/help.py" line="272"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/help.py" line="221"/>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/help.py" line="246"/>
        <source>%d of %d shortcuts</source>
        <translation>%d / %d 个快捷键</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/help.py" line="248"/>
        <source>%d shortcuts</source>
        <translation>%d 个快捷键</translation>
    </message>
</context>
<context>
    <name>TermsFeature</name>
    <message>
        <location filename="../../desktop_app/ui/terms_panel.py" line="148"/>
        <source>Finding the formulations…</source>
        <translation>正在查找提法…</translation>
    </message>
</context>
<context>
    <name>TermsPanel</name>
    <message>
        <location filename="../../desktop_app/ui/terms_panel.py" line="39"/>
        <source>Formulations</source>
        <translation>提法</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/terms_panel.py" line="48"/>
        <source>Formulation</source>
        <translation>提法</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/terms_panel.py" line="48"/>
        <source>Times</source>
        <translation>次数</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/terms_panel.py" line="48"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/terms_panel.py" line="81"/>
        <source>%d formulations and key terms</source>
        <translation>共 %d 个提法和关键词</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/terms_panel.py" line="116"/>
        <source>Mark every occurrence</source>
        <translation>标出每一处</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/terms_panel.py" line="117"/>
        <source>Across the library…</source>
        <translation>在文库中查看…</translation>
    </message>
</context>
<context>
    <name>TocDock</name>
    <message>
        <location filename="../../desktop_app/ui/toc_dock.py" line="34"/>
        <location filename="../../desktop_app/ui/toc_dock.py" line="41"/>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
</context>
<context>
    <name>UsageWindow</name>
    <message>
        <location filename="../../desktop_app/ui/usage_window.py" line="45"/>
        <source>Looking through the library…</source>
        <translation>正在查找文库…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/usage_window.py" line="49"/>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/usage_window.py" line="49"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/usage_window.py" line="49"/>
        <source>Times</source>
        <translation>次数</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/usage_window.py" line="52"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/usage_window.py" line="104"/>
        <source>%d documents could not be read (their files are not where they were).</source>
        <translation>有 %d 篇文档无法读取（文件已不在原处）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/usage_window.py" line="122"/>
        <source>Export the table</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/usage_window.py" line="124"/>
        <source>Word (*.docx);;CSV (*.csv)</source>
        <translation>Word 文档 (*.docx);;CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/usage_window.py" line="137"/>
        <source>Exported to %s</source>
        <translation>已导出到 %s</translation>
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
        <source>&amp;Clear the list</source>
        <translation>清除列表(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="33"/>
        <source>&amp;Close the document</source>
        <translation>关闭文档(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="34"/>
        <source>Print pre&amp;view…</source>
        <translation>打印预览(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="35"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="36"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="39"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="42"/>
        <source>Copy with &amp;citation</source>
        <translation>带出处复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="45"/>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="47"/>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="49"/>
        <source>&amp;Actual size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="54"/>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="55"/>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="56"/>
        <source>&amp;Eye care (sepia)</source>
        <translation>护眼(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="57"/>
        <source>Follow the &amp;system</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="75"/>
        <source>&amp;Contents</source>
        <translation>目录(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="77"/>
        <source>Full-width &amp;punctuation</source>
        <translation>全角标点(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="79"/>
        <source>Show , ; : ( ) ! ? between Chinese characters as ，；：（）！？ (the file is unchanged)</source>
        <translation>把中文之间的 , ; : ( ) ! ? 显示为 ，；：（）！？（不改动文件本身）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="81"/>
        <source>&amp;Find in text…</source>
        <translation>在正文中查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="82"/>
        <source>Find &amp;next</source>
        <translation>查找下一个(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="84"/>
        <source>Find &amp;previous</source>
        <translation>查找上一个(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="88"/>
        <source>Full-text &amp;search…</source>
        <translation>全文搜索(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="90"/>
        <source>&amp;Key formulations</source>
        <translation>提法(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="92"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="93"/>
        <source>User &amp;guide</source>
        <translation>使用指南(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="94"/>
        <source>&amp;About Yandu</source>
        <translation>关于研读(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="123"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="125"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="138"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="142"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="151"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="154"/>
        <source>Language (语言)</source>
        <translation>语言（Language）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="158"/>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="166"/>
        <source>&amp;Notes</source>
        <translation>批注(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/actions.py" line="168"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
</TS>
