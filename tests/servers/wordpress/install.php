<?php
// Creates the database and installs WordPress: php install.php DOCROOT SOCKET ADMIN_PASSWORD.
// Prints {"appPassword": "..."} for the admin user.
[, $root, $socket, $password] = $argv;

$db = new mysqli('localhost', 'root', '', '', 0, $socket);
$db->query('CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');

define('WP_INSTALLING', true);
define('ABSPATH', rtrim($root, '/') . '/');
require ABSPATH . 'wp-load.php';
require ABSPATH . 'wp-admin/includes/upgrade.php';

add_filter('pre_wp_mail', '__return_true'); // wp_install() mails the admin; there is no MTA
// wp_install() probes the site over HTTP to choose permalinks, but the site is not served yet:
// a stranger on the port could hold each probe until it times out. We set permalinks below.
add_filter('pre_http_request', fn() => new WP_Error('http_request_failed', 'no requests during install'));
wp_install('Postwright tests', 'admin', 'admin@example.test', true, '', $password);

// update_option() alone would leave the rewrite rules for the old, plain structure.
global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%postname%/');
flush_rewrite_rules();

[$appPassword] = WP_Application_Passwords::create_new_application_password(1, ['name' => 'postwright-tests']);
echo json_encode(['appPassword' => $appPassword]);
