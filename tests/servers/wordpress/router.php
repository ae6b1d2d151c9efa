<?php
// Router for `php -S`: what Apache's rewrite rules do for WordPress. The docroot holds
// symlinks to Debian's read-only WordPress plus this instance's wp-config.php; ABSPATH must
// name the docroot, because wp-load.php, seen through the symlink, would otherwise find
// Debian's own wp-config.php (which wants a file in /etc/wordpress).
define('ABSPATH', rtrim($_SERVER['DOCUMENT_ROOT'], '/') . '/');

$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?: '/');
$target = ABSPATH . ltrim($path, '/');
if (is_dir($target) && is_file(rtrim($target, '/') . '/index.php')) {
    $target = rtrim($target, '/') . '/index.php';
}
if (strpos($path, '..') !== false || !is_file($target)) {
    $target = ABSPATH . 'index.php'; // pretty permalinks and /wp-json/
} elseif (substr($target, -4) !== '.php') {
    return false; // a static file (uploads, theme assets): the built-in server sends it
}

$script = '/' . substr($target, strlen(ABSPATH));
$_SERVER['SCRIPT_FILENAME'] = $target;
$_SERVER['SCRIPT_NAME'] = $script;
$_SERVER['PHP_SELF'] = $script;
chdir(dirname($target));
require $target;
