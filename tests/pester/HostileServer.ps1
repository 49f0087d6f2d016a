# A broken or hostile HTTP server on loopback, for the tests of what the module reads (Start-TestHostileServer in
# Common.ps1 runs it in a child pwsh). Prints "listening on http://127.0.0.1:<port>" first, then answers every
# request, one connection at a time, after the first segment of its path:
#   /endless/...      200 application/json that never ends
#   /gzip-bomb/...    200 gzip of 256 MiB of zeros (about 250 KB on the wire)
#   /endless-error/...  400 text/plain that never ends
#   /redirect/...     302 to another port
#   /malformed/...    200 application/json that is not JSON
# Loopback only; it stops when its parent kills it.
param()

$ErrorActionPreference = 'Stop'
$listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
$listener.Start()
[Console]::Out.WriteLine("listening on http://127.0.0.1:$($listener.LocalEndpoint.Port)")
[Console]::Out.Flush()

$zeros = [byte[]]::new(64KB)
$letters = [System.Text.Encoding]::ASCII.GetBytes('x' * 64KB)
$bomb = [System.IO.MemoryStream]::new()
$gzip = [System.IO.Compression.GZipStream]::new($bomb, [System.IO.Compression.CompressionLevel]::Fastest, $true)
for ($i = 0; $i -lt 4096; $i++) { $gzip.Write($zeros, 0, $zeros.Length) }
$gzip.Dispose()
$bombBytes = $bomb.ToArray()

function Send-Text($Stream, [string] $Text) {
    $bytes = [System.Text.Encoding]::ASCII.GetBytes($Text)
    $Stream.Write($bytes, 0, $bytes.Length)
}

while ($true) {
    $client = $listener.AcceptTcpClient()
    try {
        $stream = $client.GetStream()
        $stream.ReadTimeout = 10000
        # The request line and headers (bodies are ignored).
        $head = [System.Text.StringBuilder]::new()
        $one = [byte[]]::new(1)
        while (-not $head.ToString().EndsWith("`r`n`r`n") -and $stream.Read($one, 0, 1) -eq 1) { $null = $head.Append([char]$one[0]) }
        $path = ($head.ToString() -split ' ')[1]
        $mode = ($path -split '/')[1]
        switch ($mode) {
            'endless' {
                Send-Text $stream "HTTP/1.1 200 OK`r`nContent-Type: application/json`r`nConnection: close`r`n`r`n["
                while ($true) { $stream.Write($zeros, 0, $zeros.Length) }
            }
            'endless-error' {
                Send-Text $stream "HTTP/1.1 400 Bad Request`r`nContent-Type: text/plain`r`nConnection: close`r`n`r`n"
                while ($true) { $stream.Write($letters, 0, $letters.Length) }
            }
            'gzip-bomb' {
                Send-Text $stream "HTTP/1.1 200 OK`r`nContent-Type: application/json`r`nContent-Encoding: gzip`r`nContent-Length: $($bombBytes.Length)`r`nConnection: close`r`n`r`n"
                $stream.Write($bombBytes, 0, $bombBytes.Length)
            }
            'redirect' {
                Send-Text $stream "HTTP/1.1 302 Found`r`nLocation: http://127.0.0.1:9/elsewhere`r`nContent-Length: 0`r`nConnection: close`r`n`r`n"
            }
            default {
                Send-Text $stream "HTTP/1.1 200 OK`r`nContent-Type: application/json`r`nContent-Length: 9`r`nConnection: close`r`n`r`n{not json"
            }
        }
        $stream.Flush()
    }
    catch {
        # The client went away (as it should, from an endless answer): next connection.
    }
    finally {
        $client.Dispose()
    }
}
