<?php
// Loaded by every test instance. There is no mail server: report every mail as sent.
add_filter('pre_wp_mail', '__return_true');
