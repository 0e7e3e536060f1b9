import random, json
# Function-library cases over the "account" dataset of cases.json; see random_gen.py.
# Pictures with exponents are left out: jsonata-js 2.0.6 loops forever on
# $formatNumber(0 or a negative number, "0.0e0").
random.seed(11)
ch=random.choice
strs=["'hello world'","'a,b,c'","'Ünïcødé 😀'","''","'  padded  '","'abc123def'","'The Quick Brown'","SKU","OrderID","`Product Name`"]
nums=["0","1","-1","2.5","-3.7","100","1e-7","123456.789","0.1","Price","Quantity","-0"]
arrs=["[1,2,3]","[3,1,2]","['b','a','c']","[]","[[1,2],[3]]","[{'a':1},{'a':2,'b':3}]","Account.Order.Product.Price","Account.Order.Product.SKU","[1,'a',true,null]","[1..5]"]
objs=["{'a':1,'b':[1,2]}","{}","Account.Order[0]","Account.Order.Product[0].Description","{'x':{'y':{'z':1}}}"]
lams=["function($v){$v*2}","function($v,$i){$v&$i}","function($v){$v > 1}","function($a,$b){$a+$b}","function($a,$b){$a<$b}","function($v,$k){$k}","$string","$uppercase","function($x)<n:n>{$x+1}","function($s)<s:s>{$length($s) > 3 ? $s : 'short'}"]
regs=["/[a-z]+/","/\\d+/","/o/i","/(\\w+)\\s(\\w+)/","/^a/","/[,]/"]
any_=["1","[1,2]","{'a':1}","'s'","true","null","nothing","-2.5","1e21","0.1+0.2"]
S=lambda: ch(strs); N=lambda: ch(nums); A=lambda: ch(arrs); O=lambda: ch(objs); L=lambda: ch(lams); R=lambda: ch(regs); X=lambda: ch(any_)
T=[
 lambda: "$substring(%s, %s, %s)" % (S(),N(),N()),
 lambda: "$substring(%s, %s)" % (S(),N()),
 lambda: "$substringBefore(%s, %s)" % (S(),S()),
 lambda: "$substringAfter(%s, %s)" % (S(),S()),
 lambda: "$pad(%s, %s, %s)" % (S(), ch(['5','-5','10','-10','0']), ch(["'#'","'ab'","''"])),
 lambda: "$contains(%s, %s)" % (S(), ch([S(),R()])),
 lambda: "$split(%s, %s%s)" % (S(), ch([S(),R(),"','","' '"]), ch(['',', 2',', 0'])),
 lambda: "$join(%s, %s)" % (A(), S()),
 lambda: "$match(%s, %s%s)" % (S(), R(), ch(['',', 1',', 2'])),
 lambda: "$replace(%s, %s, %s%s)" % (S(), ch([R(),S()]), ch(["'X'","'[$0]'","'$1-$2'","'$$'","function($m){$uppercase($m.match)}"]), ch(['',', 1'])),
 lambda: "$length(%s)" % S(),
 lambda: "$string(%s)" % X(),
 lambda: "$number(%s)" % ch(["'12'","'1e2'","'-0.5'","'0x1F'","'0b101'","'0o17'","true","false","' 1'","'1.'"]),
 lambda: "$round(%s, %s)" % (N(), ch(['0','1','2','-1','3'])),
 lambda: "$formatNumber(%s, %s)" % (N(), ch(["'#,##0.00'","'0.000'","'#%'","'0.0e0'","'#,###'","'00'","'#'"])),
 lambda: "$formatBase(%s, %s)" % (N(), ch(['2','8','16','36'])),
 lambda: "$formatInteger(%s, %s)" % (ch(['0','1','12','99','101','1000','2024','1234567']), ch(["'w'","'W'","'Ww'","'I'","'i'","'A'","'a'","'000'","'#,##0'","'1;o'","'w;o'"])),
 lambda: "$map(%s, %s)" % (A(), L()),
 lambda: "$filter(%s, %s)" % (A(), L()),
 lambda: "$reduce(%s, %s%s)" % (A(), L(), ch(['',', 0',", ''"])),
 lambda: "$sort(%s%s)" % (A(), ch(['',', function($a,$b){$a>$b}',', function($a,$b){$a<$b}'])),
 lambda: "$sift(%s, %s)" % (O(), L()),
 lambda: "$each(%s, %s)" % (O(), L()),
 lambda: "$single(%s, %s)" % (A(), L()),
 lambda: "$zip(%s, %s)" % (A(), A()),
 lambda: "$distinct(%s)" % A(),
 lambda: "$reverse(%s)" % A(),
 lambda: "$append(%s, %s)" % (X(), X()),
 lambda: "$merge([%s, %s])" % (O(), O()),
 lambda: "$lookup(%s, %s)" % (O(), ch(["'a'","'b'","'Price'","'x'"])),
 lambda: "$type(%s)" % ch([X(), L()]),
 lambda: "%s ~> %s" % (A(), L()),
 lambda: "%s ~> $uppercase() ~> $substring(0, 3)" % S(),
 lambda: "(%s)(%s)" % (L(), ch([N(),S()])),
 lambda: "($f := %s; $map(%s, $f))" % (L(), A()),
 lambda: "$ ~> |Account.Order.Product|{'x': %s}%s|" % (N(), ch(["", ", 'Description'", ", ['Price','SKU']"])),
 lambda: "%s[%s]" % (A(), ch(['0','-1','$>1',"$ = 'a'",'[0,1]','true','$ != null'])),
 lambda: "%s^(%s)" % (A(), ch(['$','>$','<$'])),
 lambda: "%s %s %s" % (N(), ch(['+','-','*','/','%']), N()),
 lambda: "%s %s %s" % (S(), ch(['<','>','=','!=','&','in']), S()),
 lambda: "$boolean(%s)" % X(),
 lambda: "$keys(%s)" % O(),
 lambda: "$sqrt(%s)" % N(),
 lambda: "$power(%s, %s)" % (N(), N()),
 lambda: "$sum(%s)" % A(),
 lambda: "$max(%s)" % A(),
 lambda: "$average(%s)" % A(),
 lambda: "$count(%s)" % A(),
 lambda: "$not(%s)" % X(),
 lambda: "$encodeUrlComponent(%s)" % S(),
 lambda: "$encodeUrl(%s)" % S(),
 lambda: "$base64encode(%s)" % S(),
 lambda: "$trim(%s)" % S(),
 lambda: "$lowercase(%s) & $uppercase(%s)" % (S(), S()),
]
data=json.load(open('cases.json'))['datasets']['account']
seen=set(); cases=[]
while len(cases)<2500:
    e=ch(T)()
    if e in seen or "e0'" in e: continue
    seen.add(e); cases.append({"expr":e,"data":"account"})
json.dump({"datasets":{"account":data},"cases":cases},open('random_spec2.json','w'))
