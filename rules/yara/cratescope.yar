// YARA rules shipped with cratescope and run over every file of every crate
// `cratescope scan` reads. Users add their own with `--yara-rules DIR`.
// Meta: description (why it matters), severity (low|medium|high|critical),
// verdict = "malicious" when a match alone is enough to say so.

rule reverse_shell
{
  meta:
    description = "a reverse shell: a shell whose input and output go to a remote host"
    severity = "critical"
    verdict = "malicious"
  strings:
    $dev_tcp = /(ba|z)?sh -i\s*(>&|&>)\s*\/dev\/tcp\//
    $nc_exec = /\bnc(at)? (-[a-z]+ )*-e \/bin\/(ba)?sh\b/
    $fifo = /mkfifo \/tmp\/[a-z0-9_.]+;? *(cat|nc)\b/
  condition:
    any of them
}

rule packed_executable_upx
{
  meta:
    description = "an executable packed with UPX: its code is compressed out of sight of any review"
    severity = "high"
  strings:
    $upx0 = "UPX0"
    $upx1 = "UPX1"
    $upx_magic = "UPX!"
  condition:
    (uint32(0) == 0x464c457f or uint16(0) == 0x5a4d) and $upx_magic and ($upx0 or $upx1)
}

rule crypto_miner
{
  meta:
    description = "names a cryptocurrency mining pool or miner"
    severity = "high"
  strings:
    $stratum = "stratum+tcp://" nocase
    $stratum_ssl = "stratum+ssl://" nocase
    $xmrig = "xmrig" nocase fullword
    $pool1 = "minexmr.com" nocase
    $pool2 = "nanopool.org" nocase
    $pool3 = "supportxmr.com" nocase
  condition:
    any of them
}

rule browser_credential_harvester
{
  meta:
    description = "names several browsers' credential and cookie stores: what information stealers collect"
    severity = "critical"
    verdict = "malicious"
  strings:
    $chrome_logins = "Login Data" fullword
    $chrome_state = "Local State" fullword
    $firefox_logins = "logins.json"
    $firefox_keys = "key4.db"
    $cookies = "Cookies" fullword
    $firefox_cookies = "cookies.sqlite"
    $wallet = "wallet.dat"
  condition:
    4 of them
}

rule discord_token_grabber
{
  meta:
    description = "reads Discord's local storage for login tokens"
    severity = "critical"
    verdict = "malicious"
  strings:
    $leveldb = /discord[\/\\]+Local Storage[\/\\]+leveldb/ nocase
    $token = /[MN][A-Za-z0-9]{23}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27}/
    $regex_text = "[\\w-]{24}\\.[\\w-]{6}\\.[\\w-]{27}"
  condition:
    $leveldb and ($token or $regex_text)
}

rule powershell_encoded_command
{
  meta:
    description = "starts PowerShell with an encoded command, hiding what it runs"
    severity = "high"
  strings:
    $ps = "powershell" nocase
    $enc = /\s-(e|en|enc|enco|encodedcommand)\s+[A-Za-z0-9+\/=]{20,}/ nocase
  condition:
    $ps and $enc
}
