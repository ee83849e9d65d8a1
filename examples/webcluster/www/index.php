<html>
<body>
Web Server - Vigil webcluster
<?php
// The seed's page: date, time and which server answered. Several back ends
// give their containers the same bridge address, so the container's name
// (its hostname) is printed too: that is what the tests count.
echo "<br><br>";
echo "Hoy es " . date("d/m/Y") . "<br>";
echo "Son las " . date("H:i:s") . "<br>";
$vip = $_SERVER['SERVER_NAME'] ?? 'unknown';
$rip = $_SERVER['SERVER_ADDR'] ?? gethostbyname(gethostname());
echo "Soy el servidor con VIP " . $vip . " y mi RIP es " . $rip . "<br>";
echo "server=" . gethostname() . "<br>";
$fwd = $_SERVER['HTTP_X_FORWARDED_FOR'] ?? 'desconocido';
echo "Forwarded-For: " . $fwd . "<br><br>";
?>
</body>
</html>
