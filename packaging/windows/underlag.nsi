; Underlag's per-user installer for Windows x86_64, compiled on Debian by scripts/package with
; Debian's makensis (3.08): Tauri's own NSIS bundler downloads a plugin and needs a newer NSIS,
; so this script is ours. It installs without administrator rights into the user's
; %LOCALAPPDATA%\Programs\Underlag, adds a Start-menu entry, an "Öppna med" choice for
; .underlag.json files and an entry under "Installerade appar", and writes an uninstaller.
; The user's data (%APPDATA%\Underlag: the database, its backups, a key file) is never touched,
; neither here nor by the uninstaller.
;
;   makensis -DVERSION=0.1.0 -DKALLA=<folder with the three files> -DUT=<setup.exe> underlag.nsi
;
; Silent install for IT: setup.exe /S  (optionally /D=C:\path as the last argument).
; Silent removal: "%LOCALAPPDATA%\Programs\Underlag\avinstallera.exe" /S

!ifndef VERSION
  !error "VERSION saknas: makensis -DVERSION=x.y.z"
!endif
!ifndef KALLA
  !error "KALLA saknas: mappen med underlag-app.exe, underlag.exe och WebView2Loader.dll"
!endif
!ifndef UT
  !define UT "Underlag-${VERSION}-setup.exe"
!endif

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
ManifestDPIAware true
RequestExecutionLevel user

!define PRODUKT "Underlag"
!define UTGIVARE "Göteborgs Stad"
!define AVINSTALLERARE "avinstallera.exe"
!define UNINSTALL_NYCKEL "Software\Microsoft\Windows\CurrentVersion\Uninstall\Underlag"
!define PROGID "Underlag.Dokument"
; The Evergreen WebView2 runtime's client id; its "pv" value is the installed version.
!define WEBVIEW2_NYCKEL "SOFTWARE\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WEBVIEW2_NYCKEL_32 "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUKT}"
OutFile "${UT}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUKT}"
InstallDirRegKey HKCU "${UNINSTALL_NYCKEL}" "InstallLocation"
BrandingText "${PRODUKT} ${VERSION} – ${UTGIVARE}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1053 "ProductName" "${PRODUKT}"
VIAddVersionKey /LANG=1053 "CompanyName" "${UTGIVARE}"
VIAddVersionKey /LANG=1053 "FileDescription" "Installationsprogram för ${PRODUKT}"
VIAddVersionKey /LANG=1053 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1053 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1053 "LegalCopyright" "${UTGIVARE}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"

!define MUI_ICON "${KALLA}\underlag.ico"
!define MUI_UNICON "${KALLA}\underlag.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\underlag-app.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Starta Underlag"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Swedish"

; Refuses to go on while Underlag runs from the install folder: Windows keeps a running program's
; file locked, so deleting it is the test. Interactive: the user closes Underlag and retries.
; Silent: the installer stops with exit code 2 and changes nothing.
!macro KRAV_INTE_IGANG PREFIX
  ${PREFIX}igen:
  ClearErrors
  ${If} ${FileExists} "$INSTDIR\underlag-app.exe"
    Delete "$INSTDIR\underlag-app.exe"
    ${If} ${Errors}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "Underlag är igång. Stäng alla Underlag-fönster och klicka på Försök igen.$\r$\n$\r$\nInget har ändrats, och allt du skrivit i Underlag finns kvar." /SD IDCANCEL IDRETRY ${PREFIX}igen
      SetErrorLevel 2
      Quit
    ${EndIf}
  ${EndIf}
!macroend

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "Underlag kräver 64-bitars Windows." /SD IDOK
    SetErrorLevel 3
    Abort
  ${EndIf}
  SetRegView 64
  Call KontrolleraWebView2
FunctionEnd

; Underlag draws its window with Microsoft Edge WebView2, which Windows 10 (1803 and later) and
; Windows 11 include. Without it Underlag cannot open its window: say what to do, and let an
; interactive user stop here. A silent install goes on (IT may deploy the runtime afterwards);
; the app itself says the same at start.
Function KontrolleraWebView2
  ReadRegStr $0 HKLM "${WEBVIEW2_NYCKEL_32}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKLM "${WEBVIEW2_NYCKEL}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "${WEBVIEW2_NYCKEL}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    MessageBox MB_YESNO|MB_ICONEXCLAMATION "Microsoft Edge WebView2 Runtime saknas på den här datorn. Underlag behöver den för att visa sitt fönster.$\r$\n$\r$\nBe IT-supporten installera WebView2 Runtime (Evergreen), eller installera den själv från Microsofts webbplats: sök efter $\"WebView2 Runtime$\" på microsoft.com.$\r$\n$\r$\nVill du installera Underlag ändå? Programmet startar när WebView2 finns." /SD IDYES IDYES webview2_klar
    SetErrorLevel 4
    Quit
    webview2_klar:
  ${EndIf}
FunctionEnd

Section "Underlag" SecProgram
  SectionIn RO
  SetShellVarContext current
  !insertmacro KRAV_INTE_IGANG inst_
  SetOutPath "$INSTDIR"
  File "${KALLA}\underlag-app.exe"
  File "${KALLA}\underlag.exe"
  File "${KALLA}\WebView2Loader.dll"
  File "${KALLA}\underlag.ico"
  WriteUninstaller "$INSTDIR\${AVINSTALLERARE}"

  CreateShortcut "$SMPROGRAMS\${PRODUKT}.lnk" "$INSTDIR\underlag-app.exe" "" "$INSTDIR\underlag.ico" 0 SW_SHOWNORMAL "" "Årlig analys, tjänsteplan och digitaliseringsplan"

  ; "Öppna med Underlag" for exchange files. Windows picks a file's program by its last
  ; extension (.json), so Underlag offers itself for .json without taking over .json files.
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "Underlag-dokument"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\underlag.ico"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\underlag-app.exe" "%1"'
  WriteRegStr HKCU "Software\Classes\.underlag.json" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\.json\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\Applications\underlag-app.exe" "FriendlyAppName" "Underlag"
  WriteRegStr HKCU "Software\Classes\Applications\underlag-app.exe\SupportedTypes" ".json" ""
  WriteRegStr HKCU "Software\Classes\Applications\underlag-app.exe\shell\open\command" "" '"$INSTDIR\underlag-app.exe" "%1"'

  WriteRegStr HKCU "${UNINSTALL_NYCKEL}" "DisplayName" "${PRODUKT}"
  WriteRegStr HKCU "${UNINSTALL_NYCKEL}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_NYCKEL}" "Publisher" "${UTGIVARE}"
  WriteRegStr HKCU "${UNINSTALL_NYCKEL}" "DisplayIcon" "$INSTDIR\underlag.ico"
  WriteRegStr HKCU "${UNINSTALL_NYCKEL}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_NYCKEL}" "UninstallString" '"$INSTDIR\${AVINSTALLERARE}"'
  WriteRegStr HKCU "${UNINSTALL_NYCKEL}" "QuietUninstallString" '"$INSTDIR\${AVINSTALLERARE}" /S'
  WriteRegDWORD HKCU "${UNINSTALL_NYCKEL}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_NYCKEL}" "NoRepair" 1
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  !insertmacro KRAV_INTE_IGANG uninst_
  Delete "$INSTDIR\underlag.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\underlag.ico"
  Delete "$INSTDIR\${AVINSTALLERARE}"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUKT}.lnk"

  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegValue HKCU "Software\Classes\.json\OpenWithProgids" "${PROGID}"
  ReadRegStr $0 HKCU "Software\Classes\.underlag.json" ""
  ${If} $0 == "${PROGID}"
    DeleteRegKey HKCU "Software\Classes\.underlag.json"
  ${EndIf}
  DeleteRegKey HKCU "Software\Classes\Applications\underlag-app.exe"
  DeleteRegKey HKCU "${UNINSTALL_NYCKEL}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  ; %APPDATA%\Underlag (the database, backups, a key file) stays: it is the user's work.
SectionEnd
