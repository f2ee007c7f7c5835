<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt's own strings that Qt 6's qtbase_zh_CN.qm leaves in English (seen in Qt's file dialog).
     Kept by hand: lupdate does not see them (they are in Qt, not in our sources). -->
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>QFileDialog</name>
    <message><source>&amp;Look in:</source><translation>查找范围(&amp;L)：</translation></message>
    <message><source>Files of &amp;type:</source><translation>文件类型(&amp;T)：</translation></message>
    <message><source>File &amp;name:</source><translation>文件名(&amp;N)：</translation></message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message><source>Folder</source><translation>文件夹</translation></message>
    <message><source>File</source><translation>文件</translation></message>
    <message><source>%1 File</source><translation>%1 文件</translation></message>
    <message><source>Drive</source><translation>驱动器</translation></message>
    <message><source>Shortcut</source><translation>快捷方式</translation></message>
    <message><source>Alias</source><translation>别名</translation></message>
    <message><source>Unknown</source><translation>未知</translation></message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message><source>Size</source><translation>大小</translation></message>
</context>
</TS>
