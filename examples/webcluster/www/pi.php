<html>
<body>
<?php
// The seed's dynamic page: pi by the midpoint rule on 4/(1+x^2), n steps.
$start = microtime(true);
$n = isset($_GET["n"]) ? intval($_GET["n"]) : 100000;
if ($n < 1) {
    $n = 1;
}
$area = 0.0;
for ($i = 0; $i < $n; $i++) {
    $x = ($i + 0.5) / $n;
    $area = $area + 4.0 / (1.0 + $x * $x);
}
$result = $area / $n;
$exectime = microtime(true) - $start;
echo "<br>Calculo de PI<br><br>";
printf("La cte. PI con n= %d es igual a %f<br>", $n, $result);
printf("Tiempo de ejecucion= %.5f segundos<br>", $exectime);
printf("<br>El servidor es %s<br>", gethostname());
?>
</body>
</html>
